import type { RecoveryEvent } from './events.js'

/**
 * The one thing copies of the runtime share on globalThis (a dependency pre-bundled separately, two
 * bundles on one page). Any script can reach it, so it carries no capability: it hands out no supervisor,
 * instance, memory, export or listener set, only plain snapshots and events, copied field by field.
 * Each copy joins it as a member (three functions closed over that copy's private state).
 */
const KEY = Symbol.for('wasm-recovery.channel')
const VERSION = 1
const STATES = ['live', 'aborted', 'recovering', 'poisoned']
const TYPES = ['abort', 'reinit', 'poisoned', 'rollback', 'rollback-failed']
const COUNTS = ['generation', 'aborts', 'reinits', 'rollbacks', 'checkpoints', 'checkpointMs', 'spares', 'spareMs'] as const

/** What one copy of the runtime answers for its own modules (keys are the ones `register` gave it). */
export interface Member {
  stats(): readonly Snapshot[]
  deliver(event: RecoveryEvent): void
  /** Another copy asks: the owner only repairs a module that is not live (never stales objects). */
  reset(key: number): Promise<void>
}

/** The counters of one module copy, as `recoveryStats` reports them. */
export interface Counts {
  generation: number
  aborts: number
  reinits: number
  /** Policy 'rollback' only: aborts undone by restoring a checkpoint; checkpoints taken, and the time they took. */
  rollbacks?: number
  checkpoints?: number
  checkpointMs?: number
  /** Policy 'rollback' only: spare instances made in idle time after a restore, and the time they took. */
  spares?: number
  spareMs?: number
}

export interface Snapshot extends Counts {
  key: number
  state: string
}

/** One module copy as every member sees it: the name and copy number come from the channel, not the member. */
export interface Entry extends Snapshot {
  module: string
  copy: number
  copies: number
}

export interface Port {
  register(name: string): { key: number; copy: number }
  copies(name: string): number
  emit(key: number, event: RecoveryEvent): void
  stats(): Entry[]
  reset(key: number): Promise<void>
}

interface Channel {
  readonly version: number
  join(member: Member): Port
}

/** Joins the page's channel; a private one when the global is taken by something else or unusable. */
export function connect(member: Member): Port {
  const ch = published()
  if (ch) {
    try {
      const port = ch.join(member)
      if (isPort(port)) return port
    } catch {
      // a channel that refuses us: stay private rather than break the app
    }
  }
  return createChannel().join(member)
}

function published(): Channel | null {
  const g = globalThis as any
  try {
    // non-writable, non-configurable: a later script can neither replace nor delete it
    if (!Object.prototype.hasOwnProperty.call(g, KEY)) Object.defineProperty(g, KEY, { value: createChannel() })
    const ch = g[KEY]
    return ch !== null && typeof ch === 'object' && Object.isFrozen(ch) && ch.version === VERSION && typeof ch.join === 'function' ? ch : null
  } catch {
    return null
  }
}

function isPort(p: any): p is Port {
  return p !== null && typeof p === 'object' && ['register', 'copies', 'emit', 'stats', 'reset'].every((k) => typeof p[k] === 'function')
}

interface Record_ {
  member: Member
  name: string
  copy: number
}

function createChannel(): Channel {
  const records: Record_[] = []
  const members: Member[] = []
  const counts: Record<string, number> = Object.create(null)

  const join = (given: Member): Port => {
    // the functions as they are now: a member object changed later cannot swap them
    const member: Member = Object.freeze({ stats: given.stats, deliver: given.deliver, reset: given.reset })
    if (typeof member.stats !== 'function' || typeof member.deliver !== 'function' || typeof member.reset !== 'function') {
      throw new TypeError('wasm-recovery: a member needs stats, deliver and reset')
    }
    members[members.length] = member
    const mine = (key: unknown) => (typeof key === 'number' && records[key]?.member === member ? records[key] : undefined)
    return Object.freeze({
      register: (name: string) => {
        const n = String(name)
        const copy = (counts[n] ?? 0) + 1
        counts[n] = copy
        records[records.length] = { member, name: n, copy }
        return Object.freeze({ key: records.length - 1, copy })
      },
      copies: (name: string) => counts[String(name)] ?? 0,
      emit: (key: number, event: RecoveryEvent) => {
        const r = mine(key)
        // alone on the page (the usual case): nothing to copy; the copy formats the error's stack, which
        // costs as much as the rest of a small module's recovery
        if (!r || members.length < 2) return
        // copied here, in the emitter's call: other members get plain frozen data
        const e = cleanEvent(event, r, counts[r.name]!)
        if (!e) return
        for (let i = 0; i < members.length; i++) {
          const m = members[i]!
          if (m === member) continue
          try {
            m.deliver(e)
          } catch (err) {
            queueMicrotask(() => {
              throw err
            })
          }
        }
      },
      stats: () => collect(records, members, counts),
      reset: (key: number) => {
        const r = typeof key === 'number' ? records[key] : undefined
        if (!r) return Promise.reject(new Error(`wasm-recovery: no module copy ${key}`))
        try {
          return Promise.resolve(r.member.reset(key))
        } catch (e) {
          return Promise.reject(e)
        }
      },
    })
  }
  return Object.freeze({ version: VERSION, join: Object.freeze(join) })
}

/** Every member's snapshots, kept only for keys that member registered; fields copied as plain values. */
function collect(records: Record_[], members: Member[], counts: Record<string, number>): Entry[] {
  const byKey: Entry[] = []
  for (let i = 0; i < members.length; i++) {
    const m = members[i]!
    let snaps: readonly Snapshot[]
    try {
      snaps = m.stats()
      const n = snaps.length
      for (let j = 0; j < n; j++) {
        const s = snaps[j]!
        const key = s?.key
        const state = s?.state
        const r = typeof key === 'number' ? records[key] : undefined
        if (!r || r.member !== m || !STATES.includes(state)) continue
        const e: any = { key, module: r.name, copy: r.copy, copies: counts[r.name], state }
        for (const f of COUNTS) {
          const v = s[f]
          if (typeof v === 'number') e[f] = v
        }
        byKey[key as number] = e
      }
    } catch {
      // a member that cannot answer is left out, not allowed to break the caller
    }
  }
  const out: Entry[] = []
  for (let k = 0; k < byKey.length; k++) if (byKey[k]) out[out.length] = byKey[k]!
  return out
}

function cleanEvent(ev: any, r: Record_, copies: number): RecoveryEvent | null {
  if (ev === null || typeof ev !== 'object' || !TYPES.includes(ev.type)) return null
  const e: any = { type: ev.type, module: r.name }
  if (copies > 1) Object.assign(e, { id: `${r.name}#${r.copy}`, copy: r.copy })
  e.generation = typeof ev.generation === 'number' ? ev.generation : -1
  for (const f of ['export', 'reason'] as const) if (typeof ev[f] === 'string') e[f] = ev[f]
  for (const f of ['durationMs', 'bytes'] as const) if (typeof ev[f] === 'number') e[f] = ev[f]
  if (ev.error !== null && typeof ev.error === 'object') e.error = copyError(ev.error)
  return Object.freeze(e)
}

/** The error's public fields, not its `cause` (a callback's own error may carry app objects). */
function copyError(err: any): Error {
  const c: any = new Error(typeof err.message === 'string' ? err.message : '')
  c.name = typeof err.name === 'string' ? err.name : 'Error'
  for (const f of ['module', 'export', 'panicMessage', 'reason', 'stack']) if (typeof err[f] === 'string') c[f] = err[f]
  for (const f of ['generation', 'rollback']) if (typeof err[f] === 'number' || typeof err[f] === 'boolean') c[f] = err[f]
  return Object.freeze(c)
}
