import { WasmAbortError, WasmStaleObjectError, WasmUnavailableError, type UnavailableReason } from './errors.js'
import { emit } from './events.js'
import { Generation, type GlueContext } from './generation.js'
import type { WasmSource } from './load.js'
import type { Checkpoint } from './rollback.js'

export type Policy = 'reinit' | 'poison' | 'rollback'
export type ModuleState = 'live' | 'aborted' | 'recovering' | 'poisoned'

/** What the rewritten glue hands the runtime. Written by the plugin; not user API. */
export interface ModuleSpec {
  /** Glue module name, e.g. `photon_rs`. */
  name: string
  /** Runs the glue body once, for one generation; returns its exports. */
  factory: (ctx: GlueContext) => Record<string, any>
  /**
   * How a generation gets its instance:
   * - `set_wasm`: bundler target; instantiate with the body as import module, then hand it the exports;
   * - `self`: the body instantiates itself through `ctx.instantiate` (nodejs, deno, module targets);
   * - `init`: web target; the app calls `init()` / `initSync()` once, recoveries call them again.
   */
  bind: 'set_wasm' | 'self' | 'init'
  /** `set_wasm`: the body's setter for its `wasm` binding. */
  setter?: string
  /** `set_wasm`: the import module name under which the wasm imports the body itself. */
  importModule?: string
  /** Other JS modules the wasm imports (snippets), by import module name. */
  imports?: Record<string, Record<string, unknown>>
  /** Exported classes of the glue. */
  classes?: readonly string[]
  /** `init`: the glue's init takes `{ module_or_path }` / `{ module }` rather than a bare module. */
  initObjectArgs?: boolean
  /**
   * `init`: the app initialises through the package's own wrapper (e.g. resvg's `initWasm`), which also
   * sets the wrapper's state; the generation's `__wbr_init` is that wrapper, and its result is the app's.
   */
  initWrapper?: boolean
  source?: WasmSource
  policy?: Policy
  /**
   * Policy 'rollback': `mode` 'call' checkpoints before every call from the app that follows an entry
   * into the instance; 'manual' only on `checkpoint(module)`. Over `maxBytes` of memory no automatic
   * checkpoint is taken and an abort reinitialises instead.
   */
  rollback?: { mode: 'call' | 'manual'; maxBytes: number; Checkpoint: new () => Checkpoint }
  /** 0 disables the circuit breaker. */
  maxConsecutiveAborts?: number
  /** Byte size of the .wasm (browsers refuse synchronous instantiation over 8 MB on the main thread). */
  wasmSize?: number
  /** Guards generated per export at build time (the runtime makes generic ones for anything missing). */
  guards?: (g: Generation, raw: WebAssembly.Exports) => Record<string, (...args: any[]) => any>
  /** Method guards generated per method at build time; `wrap` installs one (the runtime guards the rest). */
  patch?: (g: Generation, ns: Record<string, any>, wrap: MethodWrap) => void
}

export type MethodWrap = (proto: object, key: string, kind: 'method' | 'get' | 'set', make: (f: (...args: any[]) => any) => (...args: any[]) => any) => void

const LIVE = 0
const SYNC_LIMIT = 8 * 1024 * 1024
const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now())

export class Supervisor {
  readonly name: string
  /** Given by the registry: the channel's key, and which copy of this name in the page (1, 2, …). */
  key = -1
  copy = 1
  get id(): string {
    return `${this.name}#${this.copy}`
  }
  /** Marks the prototypes of this module's classes: `obj[tag]` is the class name. */
  readonly tag = Symbol('wasm-recovery.class')
  readonly genKey = Symbol('wasm-recovery.generation')
  readonly policyPoison: boolean
  readonly policyRollback: boolean
  current: Generation
  module: WebAssembly.Module | undefined
  /** Guarded calls of this module on the stack. */
  depth = 0
  /** Aborts since the last successful call. */
  streak = 0
  aborts = 0
  reinits = 0
  rollbacks = 0
  /** Policy 'rollback': checkpoints taken, and the time spent copying them. */
  checkpoints = 0
  checkpointMs = 0
  /** Policy 'rollback': spare instances made in idle time after a restore, and the time that took. */
  spares = 0
  spareMs = 0
  private generations = 0
  private poisonReason: UnavailableReason | null = null
  /** A generation being made (or restored) asynchronously: calls meanwhile are refused 'recovering'. */
  pending: Promise<unknown> | null = null
  private initPromise: Promise<void> | null = null
  private initialized: boolean

  constructor(readonly spec: ModuleSpec) {
    this.name = spec.name
    this.policyPoison = spec.policy === 'poison'
    this.policyRollback = spec.policy === 'rollback'
    this.initialized = spec.bind !== 'init'
    if (spec.bind === 'init') {
      // web target: the body runs now, the app binds it to an instance with init()/initSync()
      this.current = this.evaluate(new Generation(this, this.generations++))
    } else {
      // until the first instance is live, calls meet a dead placeholder and `pending` (reason 'recovering')
      this.current = new Generation(this, -1)
      this.current.state = 1
    }
  }

  /** Resolves when the first generation is live (see `start`). */
  ready: Promise<void> = Promise.resolve()

  /** Generation 0 for `set_wasm` / `self`: synchronous when the module can be had synchronously. */
  start(): void | Promise<void> {
    if (this.spec.bind === 'init') return
    const src = this.spec.source!
    const sync = src.loadSync?.()
    const first = (m: WebAssembly.Module): void | Promise<void> => {
      this.module = m
      const { g, ready } = this.create(this.syncAllowed())
      const live = () => {
        this.current = g
        this.pending = null
      }
      if (!ready) return live()
      return ready.then(live)
    }
    const r = sync ? first(sync) : src.load().then(first)
    if (r) {
      this.pending = r
      this.ready = r
      r.catch(() => {})
    }
    return r
  }

  /** A new generation: the glue body re-run, bound to a fresh instance of the cached Module. */
  private create(sync: boolean): { g: Generation; ready: void | Promise<void> } {
    const g = new Generation(this, this.generations++)
    try {
      this.evaluate(g)
      return { g, ready: this.spec.bind === 'self' ? undefined : this.attach(g, sync) }
    } catch (e) {
      // aborted in its own start function: counted (breaker) and reported like any abort
      if (g.abortError) {
        g.abortError.setExport('start')
        this.report(g, g.abortError)
        g.inflight = null
      }
      throw e
    }
  }

  /** Runs the glue body for a generation. */
  private evaluate(g: Generation): Generation {
    this.depth++
    try {
      g.ns = this.spec.factory(g.ctx)
    } finally {
      this.depth--
    }
    g.patchClasses([...(this.spec.classes ?? []), ...this.dynamicClasses], this.spec.patch)
    return g
  }

  /** Gives a `set_wasm` / `init` generation its instance. */
  private attach(g: Generation, sync: boolean): void | Promise<void> {
    const { bind, setter, importModule, imports } = this.spec
    const m = this.module!
    this.depth++
    try {
      if (bind === 'set_wasm') {
        const all = { ...imports, [importModule!]: g.ns }
        const finish = (inst: { exports: Record<string, any> }) => {
          g.ns[setter!](inst.exports)
          inst.exports.__wbindgen_start?.()
        }
        if (sync) return finish(g.instantiate(m, all))
        return g.instantiateAsync(m, all).then(finish)
      }
      const initSync = initOf(g.ns, true)
      if (initSync && sync) {
        initSync(this.spec.initObjectArgs ? { module: m } : m)
        return
      }
      return Promise.resolve(initOf(g.ns, false)!(this.spec.initObjectArgs ? { module_or_path: m } : m)).then(() => {})
    } finally {
      this.depth--
    }
  }

  /** Browsers refuse synchronous instantiation of big modules on the main thread. */
  syncAllowed(): boolean {
    const mainThread = typeof document !== 'undefined' && typeof window !== 'undefined'
    return !(mainThread && (this.spec.wasmSize ?? 0) > SYNC_LIMIT)
  }

  /** The generation that takes the next call. Cheap when live. */
  live(): Generation {
    const g = this.current
    return g.state === LIVE ? g : this.recover()
  }

  private recover(): Generation {
    if (this.poisonReason) throw new WasmUnavailableError(this.name, this.poisonReason)
    const g = this.current
    // frames of the dying generation are still unwinding: do not swap under them
    if (this.depth > 0 && g.inflight) throw g.inflight
    if (this.pending) throw new WasmUnavailableError(this.name, 'recovering')
    this.reinit()
    if (this.pending) throw new WasmUnavailableError(this.name, 'recovering')
    return this.current
  }

  /** A fresh generation from the cached Module. */
  reinit(): void {
    if (!this.module) throw new WasmUnavailableError(this.name, 'recovering')
    const t0 = now()
    const { g, ready } = this.create(this.syncAllowed())
    const done = () => {
      // the old generation's failing call has unwound by now: later entries into it are stale
      this.current.inflight = null
      this.current = g
      this.reinits++
      this.pending = null
      emit({ type: 'reinit', module: this.name, generation: g.id, durationMs: now() - t0 }, this)
    }
    if (!ready) return done()
    this.pending = ready.then(done, (e) => {
      this.pending = null
      throw e
    })
    this.pending.catch(() => {})
  }

  /** Called by a generation the moment it traps. */
  aborted(g: Generation, err: WasmAbortError): void {
    this.aborts++
    this.streak++
    const max = this.spec.maxConsecutiveAborts ?? 20
    if (this.depth === 0) {
      // nothing of ours is on the stack (a closure called by the app, a finalizer, a microtask)
      this.report(g, err)
      queueMicrotask(() => this.afterAbort(g))
    }
    if (max > 0 && this.streak >= max) this.poison('breaker', g)
  }

  private report(g: Generation, err: WasmAbortError): void {
    if (g.reported) return
    g.reported = true
    emit({ type: 'abort', module: this.name, export: err.export, generation: g.id, error: err }, this)
    // the breaker tripped on this abort: its event follows the abort's
    if (this.poisonReason && g === this.poisonedBy) emit({ type: 'poisoned', module: this.name, generation: g.id }, this)
  }

  private poisonedBy: Generation | null = null

  private poison(reason: UnavailableReason, g: Generation): void {
    if (this.poisonReason) return
    this.poisonReason = reason
    this.poisonedBy = g
    if (g.reported) emit({ type: 'poisoned', module: this.name, generation: g.id }, this)
  }

  /** The outermost guard saw the abort: recover now that no frame of the dead instance is on the stack. */
  private afterAbort(g: Generation): void {
    g.inflight = null
    if (g !== this.current || this.poisonReason) return
    if (this.policyPoison) return this.poison('poisoned', g)
    if (g.ckpt?.recover(g)) return
    try {
      this.reinit()
    } catch {
      // a fresh generation that aborts in its own start was counted; the next call retries or meets the breaker
    }
  }

  /**
   * Policy 'rollback', outermost call from the app: checkpoint when the instance was entered since the
   * last one (generated code calls this only then).
   */
  enter(g: Generation): void {
    g.ckpt?.due(g)
  }

  /** `checkpoint(module)`: the live generation's state now, for the next rollback to return to. */
  checkpoint(): void {
    if (!this.policyRollback) throw new Error(`wasm-recovery: checkpoint("${this.name}") needs policy 'rollback' for this module`)
    if (this.depth > 0) throw new Error(`wasm-recovery: checkpoint("${this.name}") inside a call of that module`)
    const g = this.live()
    g.ckpt!.take(g)
  }

  /** Called by every guard's catch: types the error, settles the abort once the call has unwound. */
  fail(g: Generation, e: unknown, label: string, args: unknown[]): unknown {
    if (e instanceof WasmAbortError && e === g.abortError) {
      e.setExport(label)
      this.report(g, e)
      if (this.depth === 1 && g.inflight) this.afterAbort(g)
      return e
    }
    if (e instanceof WasmAbortError || e instanceof WasmUnavailableError || e instanceof WasmStaleObjectError) return e
    // an exception left the call through wasm frames: its state may be torn, so the call is undone too
    if (g.torn && this.depth === 1) {
      g.torn = false
      g.ckpt?.recover(g, label)
    }
    // the module's normal error channel: the instance served the call, so the breaker's streak ends
    this.streak = 0
    g.forgetConsoleError()
    for (const a of args) {
      const owner = a !== null && typeof a === 'object' ? (a as any)[this.genKey] as Generation | undefined : undefined
      if (owner && owner.state !== LIVE) return new WasmStaleObjectError(this.name, label, owner.id)
    }
    return e
  }

  /** Async exports: a Promise of a generation that dies settles with the abort. */
  settled<T>(g: Generation, r: T): T {
    return r instanceof Promise ? (g.track(r) as T) : r
  }

  unavailable(): WasmUnavailableError {
    return new WasmUnavailableError(this.name, this.poisonReason ?? 'poisoned')
  }

  /** Facade for an exported class: construction and statics go to the live generation. */
  facadeClass(name: string, statics: readonly string[]): Function {
    const sup = this
    const Facade = function (this: unknown, ...args: unknown[]) {
      if (!new.target) throw new TypeError(`Class constructor ${name} cannot be invoked without 'new'`)
      return sup.through(`${name}.constructor`, args, (g) => new g.ns[name](...args))
    }
    Object.defineProperty(Facade, 'name', { value: name })
    Object.defineProperty(Facade, Symbol.hasInstance, {
      value: (o: unknown) => o !== null && typeof o === 'object' && (o as any)[sup.tag] === name,
    })
    for (const s of statics) {
      const label = `${name}.${s}`
      Object.defineProperty(Facade, s, {
        writable: true,
        configurable: true,
        value: (...args: unknown[]) => sup.through(label, args, (g) => g.ns[name][s](...args)),
      })
    }
    return Facade
  }

  /**
   * A call from outside into the live generation, for the entries generated at run time (constructors,
   * statics, functions the build could not classify, methods it did not see). The hot ones are generated
   * per export instead. `g`: the generation the call belongs to (a method's object's), else the live one.
   */
  through(label: string, args: unknown[], call: (g: Generation) => unknown, g: Generation = this.live()): unknown {
    if (this.depth === 0 && g.touched && g.ckpt) this.enter(g)
    this.depth++
    try {
      const r = call(g)
      this.streak = 0
      return this.settled(g, r)
    } catch (e) {
      throw this.fail(g, e, label, args)
    } finally {
      this.depth--
    }
  }

  /**
   * Web target: the app's `init(arg)`; our own loaded module when it passes nothing. Resolves to the
   * live generation's exports, and holds none itself: a dead generation must stay collectable.
   */
  init(arg: unknown): Promise<unknown> {
    // a package's wrapper answers a second call itself (resvg refuses it): its state is the live generation's
    if (this.initPromise && this.spec.initWrapper) return this.initPromise.then(() => this.runInit(() => initOf(this.current.ns, false)!(arg)))
    let result: unknown
    this.initPromise ??= (async () => {
      if (arg === undefined && this.spec.source) {
        const m = await this.spec.source.load()
        arg = this.spec.initObjectArgs ? { module_or_path: m } : m
      }
      result = await this.runInit(() => initOf(this.current.ns, false)!(arg))
      this.initialized = true
    })()
    return this.initPromise.then(() => (this.spec.initWrapper ? result : this.current.exports))
  }

  /** Web target: the app's `initSync(arg)`. */
  initSync(arg: unknown): unknown {
    if (this.initialized) return this.current.exports
    if (arg === undefined && this.spec.source?.loadSync) {
      const m = this.spec.source.loadSync()
      arg = this.spec.initObjectArgs ? { module: m } : m
    }
    this.runInit(() => initOf(this.current.ns, true)!(arg))
    this.initialized = true
    this.initPromise = Promise.resolve()
    return this.current.exports
  }

  private runInit<T>(f: () => T): T {
    const g = this.current
    this.depth++
    try {
      return f()
    } catch (e) {
      throw this.fail(g, e, 'init', [])
    } finally {
      this.depth--
    }
  }

  /**
   * A value export (enum object, constant) of the first generation. A function the build could not
   * classify (a class compiled to ES5, a function exported through a variable) gets a facade here, so
   * it follows the live generation like the others.
   */
  value(name: string): unknown {
    const v = this.current.ns[name]
    if (typeof v !== 'function') return v
    const proto = v.prototype && Object.getOwnPropertyNames(v.prototype)
    if (proto && proto.length > 1) {
      this.dynamicClasses.push(name)
      this.current.patchClasses([name])
      const statics = Object.getOwnPropertyNames(v).filter((k) => typeof v[k] === 'function' && !k.startsWith('__'))
      return this.facadeClass(name, statics)
    }
    const sup = this
    return function (this: unknown, ...args: unknown[]) {
      return sup.through(name, args, (g) => g.ns[name].apply(this, args))
    }
  }

  /** Classes found by `value()` at run time: later generations patch them too. */
  private dynamicClasses: string[] = []

  stats(): {
    module: string; state: ModuleState; generation: number; aborts: number; reinits: number
    rollbacks?: number; checkpoints?: number; checkpointMs?: number; spares?: number; spareMs?: number
  } {
    const state: ModuleState = this.poisonReason
      ? 'poisoned'
      : this.pending
        ? 'recovering'
        : this.current.state === LIVE
          ? 'live'
          : 'aborted'
    const base = { module: this.name, state, generation: this.current.id, aborts: this.aborts, reinits: this.reinits }
    if (!this.policyRollback) return base
    return { ...base, rollbacks: this.rollbacks, checkpoints: this.checkpoints, checkpointMs: this.checkpointMs, spares: this.spares, spareMs: this.spareMs }
  }

  /** Start over: clears a poisoned state or a tripped breaker and makes a fresh generation. */
  async reset(): Promise<void> {
    if (this.pending) await this.pending.catch(() => {})
    if (!this.initialized) return
    this.replace()
    if (this.pending) await this.pending
  }

  /**
   * A reset that only repairs: waits for a generation being prepared, and starts over only when the
   * module still takes no calls (poisoned, breaker, aborted). A live module and its objects stay as they are.
   */
  async repair(): Promise<void> {
    if (this.pending) await this.pending.catch(() => {})
    if (this.poisonReason || this.current.state !== LIVE) await this.reset()
  }

  /** Upstream's `__wbg_reset_state()`, routed here so that it never fights our generations. */
  resetSync(): void {
    this.replace()
    if (this.pending) throw new WasmUnavailableError(this.name, 'recovering')
  }

  private replace(): void {
    this.poisonReason = null
    this.streak = 0
    const old = this.current
    if (old.state === LIVE) old.state = 1
    old.inflight = null
    this.reinit()
  }
}

/** A generation's init entry: the glue's own (exported or not, see the rewrite), else its exports'. */
function initOf(ns: Record<string, any>, sync: boolean): ((arg: unknown) => unknown) | undefined {
  const f = sync ? (ns.__wbr_initSync ?? ns.initSync) : (ns.__wbr_init ?? ns.default)
  return typeof f === 'function' ? f : undefined
}
