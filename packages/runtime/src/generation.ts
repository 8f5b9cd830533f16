import { abandonable } from './abandoned.js'
import { isAbort, isPanicError, isRefusedClosure, panicText } from './classify.js'
import { WasmAbortError, WasmStaleObjectError } from './errors.js'
import { linkPrototype } from './facades.js'
import { guardExport, guardImport, guardMethod, guardTable, ImportKind } from './guard.js'
import { INSTANCE, makeContext, type GlueContext } from './context.js'
import { GenState, type GenerationMember, type ModuleSpec } from './protocol.js'
import type { Checkpoint } from './rollback.js'
import type { Layout } from './instance-layout.js'
import type { Supervisor } from './supervisor.js'
import { holdStart } from './standby.js'

export type { GlueContext } from './context.js'

type Fn = (...args: any[]) => any
type Imports = Record<string, Record<string, unknown>>

const LIVE = GenState.Live
const DEAD = GenState.Dead
const RealWasm = globalThis.WebAssembly

/**
 * One instance of a glue module and everything the glue built around it. The glue body is re-run for
 * every generation, so no state (memory views, heap slab, finalizers) is ever shared between two.
 */
export class Generation {
  /** Written here only (trap, kill, revive, allowEntry): emitted code reads it on every call. */
  state: GenState = LIVE
  /** The abort error while the call that caused it is still unwinding. */
  inflight: WasmAbortError | null = null
  abortError: WasmAbortError | null = null
  /** The abort event was emitted. */
  reported = false
  ns: Record<string, any> = {}
  exports: Record<string, unknown> | null = null
  /** The instance's own exports, and the imports it was made with (a rollback makes another from them). */
  raw: WebAssembly.Exports | null = null
  importObject: WebAssembly.Imports | undefined
  /** Policy 'rollback': the last checkpoint, and whether the instance was entered since. */
  readonly ckpt: Checkpoint | null
  touched = true
  /** Policy 'rollback': an exception unwound wasm frames since the checkpoint (see trap). */
  torn = false
  /** What a checkpoint copies from the current instance (rollback.ts). */
  layout: Layout | null = null
  private lastConsoleError: unknown[] | undefined
  /** Pending Promises of async exports: how to settle each with the abort, and the checkpoint epoch it began in. */
  private waiters = new Map<(e: unknown) => void, number>()
  /** Inside an entry with no call of the app on the stack (see Supervisor.detached). */
  detached = false
  /** Inside the microtask the glue queued (the futures executor's poll). */
  polling = false
  /** Made ahead of time: its start waits until it takes over (standby.ts). */
  holdStart = false
  heldStart: (() => void) | undefined
  readonly ctx: GlueContext

  constructor(readonly sup: Supervisor, readonly id: number) {
    // the rollback machinery comes with the spec, so that bundles without that policy leave it out
    const Ck = sup.spec.rollback?.Checkpoint
    this.ckpt = sup.spec.policy === 'rollback' && Ck ? new Ck() : null
    this.ctx = makeContext(this)
  }

  /** Out of service for good (replaced, or a placeholder before the first instance). */
  kill(): void {
    this.state = DEAD
  }

  /** A rollback gave it its checkpointed instance back: it takes calls again, its abort is history. */
  revive(): void {
    this.state = LIVE
    this.inflight = null
    this.reported = false
  }

  /** While a rollback instantiates: the generation's imports refuse a dead generation, so it is let in. */
  allowEntry(on: boolean): void {
    this.state = on ? LIVE : DEAD
  }

  /** True the first time: the abort event is emitted once per generation. */
  reportOnce(): boolean {
    if (this.reported) return false
    return (this.reported = true)
  }

  /** Entry into a dead generation: within the failing call the same abort, afterwards typed staleness. */
  refuse(): Error {
    return this.inflight ?? this.stale(undefined)
  }

  stale(label: string | undefined): Error {
    if (this.sup.policyPoison && this.sup.current === this) return this.sup.unavailable()
    return new WasmStaleObjectError(this.sup.name, label, this.id, false, this.abortError ?? undefined)
  }

  /** A raw export threw: decide whether the instance is gone. */
  trap(e: unknown): unknown {
    if (e === this.inflight) return e
    if (this.state !== LIVE) return e
    if (!isAbort(e)) {
      // a JS exception unwound wasm frames (a throwing callback, throw_str): no Rust destructor ran, so
      // borrow flags and the stack pointer may be left torn; policy 'rollback' undoes the call. A
      // panic=unwind build's PanicError comes after Rust's own unwinding: its state is consistent.
      // a thrown value may be a revoked Proxy: reading its name must not replace it with a TypeError
      if (this.ckpt && !isPanicError(e) && !isRefusedClosure(e)) this.torn = true
      return e
    }
    this.state = DEAD
    const err = new WasmAbortError({
      module: this.sup.name,
      generation: this.id,
      panicMessage: panicText(this.lastConsoleError),
      cause: e,
      // what will happen next (see Checkpoint.recover)
      rollback: this.ckpt !== null && this.ckpt.valid && !this.ckpt.empty && (this.sup.depth > 0 || (this.detached && this.detachedRollback)),
    })
    this.lastConsoleError = undefined
    this.inflight = this.abortError = err
    // a rollback keeps the Promises begun before its checkpoint (their futures are in it): settled after it
    if (!err.rollback) this.settleWaiters(err)
    this.sup.aborted(this, err)
    return err
  }

  /** Promises of async exports not yet settled (begun since checkpoint `epoch`, when given). */
  pending(epoch = -Infinity): number {
    let n = 0
    for (const e of this.waiters.values()) if (e >= epoch) n++
    return n
  }

  /**
   * An abort outside any call of the app can return to the checkpoint only when what followed that
   * checkpoint is one async call of the app whose Promise is still pending (it fails as a whole, nothing
   * that succeeded is undone), and no future was under way when it was taken (see Checkpoint.quiet).
   */
  get detachedRollback(): boolean {
    const c = this.ckpt
    return c !== null && c.valid && !c.empty && c.quiet && this.pending(c.epoch) > 0
  }

  /** Settles pending Promises with the abort: all, or those begun since checkpoint `epoch` (their futures are gone). */
  settleWaiters(err: unknown, epoch = -Infinity): void {
    for (const [abort, e] of this.waiters)
      if (e >= epoch) {
        this.waiters.delete(abort)
        abort(err)
      }
  }

  /** An error this generation raised about itself (its abort, or refusing a call after it). */
  owns(e: unknown): boolean {
    return e === this.abortError || (e instanceof WasmStaleObjectError && e.module === this.sup.name && e.generation === this.id)
  }

  /** Pending Promises of async exports settle with the abort for those who wait for them (see abandoned.ts). */
  track<T>(p: Promise<T>): Promise<T> {
    return abandonable<T>((abort, resolve, reject) => {
      // an async export that trapped before its first await: its own rejection is this abort, reported once
      if (this.state !== LIVE) return (p.catch(() => {}), abort(this.refuse()))
      this.waiters.set(abort, this.ckpt?.epoch ?? 0)
      p.then(
        (v) => { this.waiters.delete(abort); resolve(v) },
        (e) => { this.waiters.delete(abort); reject(e) },
      )
    })
  }

  /** Instantiate the cached module for this generation: guarded imports in, guarded exports out. */
  instantiate(module: WebAssembly.Module, imports: Imports | undefined): GuardedInstance {
    return this.bind(new RealWasm.Instance(module, this.guardImports(imports)))
  }

  async instantiateAsync(module: WebAssembly.Module, imports: Imports | undefined): Promise<GuardedInstance> {
    return this.bind(await RealWasm.instantiate(module, this.guardImports(imports)))
  }

  guardImports(imports: Imports | undefined): WebAssembly.Imports {
    const out: Imports = {}
    this.importObject = out as WebAssembly.Imports
    // how each import is guarded is the same for every generation (the glue's same code): decided once
    const kinds = this.sup.importKinds
    for (const mod of Object.keys(imports ?? {})) {
      const fields = imports![mod]!
      let known = kinds.get(mod)
      if (!known) kinds.set(mod, (known = new Map()))
      // built key by key in the glue's order, the same every generation (V8 reuses its map transitions):
      // a spread copy whose functions are then overwritten costs ~3x as much
      const o: Record<string, unknown> = {}
      for (const key of Object.keys(fields)) {
        const v = fields[key]
        if (typeof v !== 'function') {
          o[key] = v
          continue
        }
        // its arity too: a function's `length` is an accessor, slow to read for every import of every generation
        let k = known.get(key)
        if (k === undefined) known.set(key, (k = { kind: isClass(v) ? ImportKind.Class : /^__wbg_then_/.test(key) ? ImportKind.Then : ImportKind.Call, arity: (v as Fn).length }))
        o[key] = k.kind === ImportKind.Class ? v : guardImport(this, v as Fn, k.kind === ImportKind.Then, k.arity)
      }
      out[mod] = o
    }
    return out as WebAssembly.Imports
  }

  bind(instance: WebAssembly.Instance): GuardedInstance {
    const raw = (this.raw = instance.exports)
    let guarded: Record<string, unknown> = this.sup.spec.guards?.(this, raw) ?? {}
    for (const p of this.sup.parts) if (p.guards) Object.assign(guarded, p.guards(this, raw))
    for (const key of Object.keys(raw)) {
      const v = raw[key]
      const current = this.ckpt ? () => this.raw![key] as Fn : undefined
      if (typeof v !== 'function') guarded[key] = v instanceof RealWasm.Table ? guardTable(this, v, this.ckpt ? () => this.raw![key] as WebAssembly.Table : undefined) : v
      else if (guarded[key] === undefined) guarded[key] = guardExport(this, v as Fn, current)
    }
    // the glue reads every `wasm.x` from this object: keys added to the generated literal one by one (its
    // memory always, exports the build did not know, parts' guards) can leave it a slow dictionary
    // (photon-node's 191 guards + memory: get_width 6 → 12 ns); a spread copy is a fast object again
    guarded = { ...guarded }
    holdStart(this, guarded)
    this.exports = guarded
    return { exports: guarded, [INSTANCE]: true } as GuardedInstance
  }

  /**
   * Rollback: a fresh instance (its memory already holding the checkpoint) takes this generation's
   * place. The exports object the glue holds stays the same; its functions now reach the new instance.
   */
  rebind(instance: WebAssembly.Instance): void {
    const held = this.exports!
    const fresh = this.bind(instance).exports
    this.exports = Object.assign(held, fresh)
  }

  /** Route method calls on this generation's objects through guards that know `Class.method`. */
  patchClasses(names: readonly string[], generated?: ModuleSpec['patch'], sealed?: readonly string[]): void {
    // build-time guards first (one function per method: monomorphic), then generic ones for the rest
    const guards = generated ? new WeakSet<Fn>() : undefined
    generated?.(this, this.ns, (proto: any, key, kind, make) => {
      if (kind === 'method') {
        // assignment keeps the method's attributes and is cheaper than redefining it
        if (typeof proto[key] === 'function') guards!.add((proto[key] = make(proto[key])))
        return
      }
      const d = Object.getOwnPropertyDescriptor(proto, key)
      const f = kind === 'get' ? d?.get : d?.set
      if (!d || !f) return
      guards!.add((d[kind] = make(f)))
      Object.defineProperty(proto, key, d)
    })
    const todo = (f: unknown): f is Fn => typeof f === 'function' && !guards?.has(f as Fn)
    for (const name of names) {
      const cls = this.ns[name]
      // (one class exported under two names, automerge's `RawString = ImmutableString`: patched once)
      if (typeof cls !== 'function' || !cls.prototype || Object.prototype.hasOwnProperty.call(cls.prototype, this.sup.tag)) continue
      const proto = cls.prototype
      Object.defineProperty(proto, this.sup.tag, { value: name })
      Object.defineProperty(proto, this.sup.genKey, { value: this })
      linkPrototype(this.sup, name, proto)
      // its own methods guard themselves (and its `[Symbol.dispose]` is its guarded `free`)
      if (sealed?.includes(name)) continue
      for (const key of Reflect.ownKeys(proto)) {
        if (key === 'constructor' || key === this.sup.tag || key === this.sup.genKey) continue
        const d = Object.getOwnPropertyDescriptor(proto, key)!
        if (this.ckpt?.watch(proto, key, d)) continue
        if (!todo(d.value) && !todo(d.get) && !todo(d.set)) continue
        const label = `${name}.${String(typeof key === 'symbol' ? key.description : key)}`
        const isFree = key === 'free' || key === Symbol.dispose
        if (todo(d.value)) d.value = guardMethod(this, d.value, label, isFree)
        if (todo(d.get)) d.get = guardMethod(this, d.get, label, false)
        if (todo(d.set)) d.set = guardMethod(this, d.set, label, false)
        Object.defineProperty(proto, key, d)
      }
    }
  }

  noteConsoleError(args: unknown[]): void {
    this.lastConsoleError = args
  }

  /** A call failed without an abort (e.g. a PanicError of a panic=unwind build): its output is not the next abort's. */
  forgetConsoleError(): void {
    this.lastConsoleError = undefined
  }
}

export interface GuardedInstance {
  exports: Record<string, any>
}

function isClass(f: unknown): boolean {
  return typeof f === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(f))
}

// the emitted code's hot path (protocol.ts) names only members this class has
type _Hot = { [K in GenerationMember]: Generation[K] }
