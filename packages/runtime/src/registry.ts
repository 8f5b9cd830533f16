import { connect, type Counts, type Entry, type Port } from './channel.js'
import { deliver, setRelay, type RecoveryEvent } from './events.js'
import type { ModuleState } from './protocol.js'
import { Supervisor } from './supervisor.js'
import type { ModuleSpec } from './protocol.js'

// this copy's supervisors; other copies of the runtime see only what the member below answers
const own: Supervisor[] = []

const ownByKey = (key: number): Supervisor | undefined => {
  for (let i = 0; i < own.length; i++) if (own[i]!.key === key) return own[i]
  return undefined
}

const port: Port = connect(
  Object.freeze({
    stats: () => own.map((s) => ({ key: s.key, ...s.stats() })),
    deliver,
    // asked by another copy (or any script): repair only, so a healthy copy's objects never go stale
    reset: (key: number) => {
      const s = ownByKey(key)
      return s ? s.repair() : Promise.reject(new Error(`wasm-recovery: module copy ${key} is not this runtime's`))
    },
  }),
)

setRelay((event: RecoveryEvent, from?: { key: number }) => {
  // an event without its source names the module only: the copy is known when this runtime has one of that name
  const sup = from ? ownByKey(from.key) : onlyOwn(event.module)
  if (!sup) return deliver(event)
  if (port.copies(sup.name) > 1) event = { ...event, id: sup.id, copy: sup.copy }
  deliver(event)
  port.emit(sup.key, event)
})

function onlyOwn(name: string): Supervisor | undefined {
  const mine = own.filter((s) => s.name === name)
  return mine.length === 1 ? mine[0] : undefined
}

/** Called by the rewritten glue: one supervisor per glue module. */
export function createSupervisor(spec: ModuleSpec): Supervisor {
  const sup = new Supervisor(spec)
  const { key, copy } = port.register(sup.name)
  sup.key = key
  sup.copy = copy
  own.push(sup)
  return sup
}

export interface RecoveryStats extends Counts {
  module: string
  /**
   * When the page holds several copies of this module name (two copies of a package, two bundles, a
   * re-evaluated glue module): `'wr_fixture#2'` names this copy (1, 2, … in load order) wherever a module
   * is named; `copies` is how many there are.
   */
  id?: string
  copy?: number
  copies?: number
  state: ModuleState
}

function toStats(e: Entry): RecoveryStats {
  const { key: _key, module, copy, copies, state, ...counts } = e
  const id = copies > 1 ? { id: `${module}#${copy}`, copy, copies } : {}
  return { module, ...id, state: state as ModuleState, ...counts } as RecoveryStats
}

/**
 * Every copy in the page, in load order. This runtime's own modules are answered from its own state, so
 * a channel set up by a hostile script before the app cannot hide or alter them.
 */
function entries(): Entry[] {
  const out: Entry[] = []
  const seen = new Set<Supervisor>()
  for (const e of port.stats()) {
    const s = ownByKey(e.key)
    if (!s) out.push(e)
    else if (!seen.has(s)) out.push(ownEntry(s, e.copies)), seen.add(s)
  }
  for (const s of own) if (!seen.has(s)) out.push(ownEntry(s, port.copies(s.name)))
  return out
}

function ownEntry(s: Supervisor, copies: number): Entry {
  return { ...s.stats(), key: s.key, copy: s.copy, copies: Math.max(copies, 1) }
}

const ID = /^(.*)#(\d+)$/

/** The copies a name (every copy of it) or an id (`name#copy`, one copy) means. */
function select(target: string): { entries: Entry[]; byId: boolean } {
  const all = entries()
  const named = all.filter((e) => e.module === target)
  if (named.length) return { entries: named, byId: false }
  const m = ID.exec(target)
  const one = m ? all.filter((e) => e.module === m[1] && e.copy === Number(m[2])) : []
  if (one.length) return { entries: one, byId: true }
  const known = all.map((e) => (e.copies > 1 ? `${e.module}#${e.copy}` : e.module))
  throw new Error(`wasm-recovery: no supervised module named "${target}" (known: ${known.join(', ') || 'none'})`)
}

const SEVERITY: Record<string, number> = { live: 0, recovering: 1, aborted: 2, poisoned: 3 }

/** Several copies under one name: the least healthy speaks for them; on a tie this runtime's own, then the newest. */
function worst(entries: Entry[]): Entry {
  let best = entries[0]!
  const rank = (e: Entry) => SEVERITY[e.state]! * 2 + (ownByKey(e.key) ? 1 : 0)
  for (const e of entries) if (rank(e) >= rank(best)) best = e
  return best
}

/** Stats of every module copy in the page, or of the one named (a name with several copies: the least healthy). */
export function recoveryStats(): RecoveryStats[]
export function recoveryStats(module: string): RecoveryStats
export function recoveryStats(module?: string): RecoveryStats | RecoveryStats[] {
  if (module === undefined) return entries().map(toStats)
  return toStats(worst(select(module).entries))
}

/** This runtime's supervisors for a name or id (ready and checkpoint act on this copy's modules only). */
function ownOf(target: string | undefined): Supervisor[] {
  if (target === undefined) return own
  const found = select(target).entries.map((e) => ownByKey(e.key)).filter((s): s is Supervisor => s !== undefined)
  if (!found.length) throw new Error(`wasm-recovery: "${target}" belongs to another copy of the runtime (another bundle)`)
  return found
}

/**
 * Resolves when every supervised module of this copy of the runtime (or the one named) has a live
 * instance, its first or a recovered one: with `topLevelAwait: false`, exports work after `await ready()`.
 */
export async function ready(module?: string): Promise<void> {
  if (module === undefined) return void (await Promise.all(own.map(live)))
  // a module of another copy of the runtime (the app's import resolved apart from the glue's): its
  // stats are all this copy may see, so wait until they say its first instance is live
  await Promise.all(select(module).entries.map((e) => {
    const s = ownByKey(e.key)
    return s ? live(s) : settled(e.key)
  }))
}

/** Its first instance, then a recovery under way (asynchronous for a big module on a main thread). */
async function live(s: Supervisor): Promise<void> {
  await s.ready
  while (s.pending) await s.pending
}

async function settled(key: Entry['key']): Promise<void> {
  for (;;) {
    const e = entries().find((x) => x.key === key)
    if (!e || e.state === 'live' || e.state === 'poisoned') return
    await new Promise((r) => setTimeout(r, 5))
  }
}

/**
 * Makes a fresh generation (also after `'poison'` or a tripped breaker); resolves when it is live.
 * A name with several copies repairs the copies that are not live and leaves live ones (and their
 * objects) alone; an id (`'wr_fixture#2'`) or a name with one copy starts that copy over. A copy owned by
 * another copy of the runtime is only repaired, never started over while live.
 */
export async function resetModule(module: string): Promise<void> {
  const { entries, byId } = select(module)
  if (byId || entries.length === 1) {
    const e = entries[0]!
    return ownByKey(e.key)?.reset() ?? port.reset(e.key)
  }
  await Promise.all(entries.filter((e) => e.state !== 'live').map((e) => ownByKey(e.key)?.repair() ?? port.reset(e.key)))
}

/**
 * Policy 'rollback': records the module's state now; the next abort returns to it. With
 * `rollback: { checkpoint: 'manual' }` the only checkpoints are these. Not inside a call of that module.
 */
export function checkpoint(module: string): void {
  for (const s of ownOf(module)) s.checkpoint()
}
