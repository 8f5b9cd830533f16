import { now } from './clock.js'
import { WasmAbortError, WasmStaleObjectError, WasmUnavailableError, type UnavailableReason } from './errors.js'
import { emit } from './events.js'
import { callThrough, facadeClass, valueExport } from './facades.js'
import { Generation } from './generation.js'
import type { ImportKind } from './guard.js'
import { GenState, type ModuleSpec, type ModuleState, type SupervisorMember } from './protocol.js'
import { create, evaluate, syncAllowed } from './spawn.js'
import type { WebInit } from './web-init.js'
import type { Escalation } from './escalation.js'
import { detachedEntry, ownerOf } from './detached.js'
import { aborted, afterAbort, catchUp, release, report, settlePending } from './abort-flow.js'
import { addPart, type Part } from './parts.js'
import { Standby } from './standby.js'
import { wasmOnStack } from './wasm-frames.js'
import type { Counts } from './channel.js'

export type { ModuleSpec, ModuleState, Policy, MethodWrap } from './protocol.js'

const LIVE = GenState.Live

export class Supervisor {
  readonly name: string
  /** Given by the registry: the channel's key, and which copy of this name in the page (1, 2, …). */
  key = -1
  copy = 1
  get id(): string { return `${this.name}#${this.copy}` }
  /** Marks the prototypes of this module's classes: `obj[tag]` is the class name. */
  readonly tag = Symbol('wasm-recovery.class')
  readonly genKey = Symbol('wasm-recovery.generation')
  readonly policyPoison: boolean
  readonly policyRollback: boolean
  /** The emitted entries count no depth (every policy but 'rollback'); an abort waits in `unsettled` for its settling (abort-flow.ts). */
  readonly lazy: boolean
  unsettled: Generation | null = null
  settleQueued = false
  current: Generation
  module: WebAssembly.Module | undefined
  /** Entries on the stack: the runtime's generic ones, and under rollback every one (lazy: see abort-flow.ts). */
  depth = 0
  /** Aborts since the last successful call. */
  streak = 0
  aborts = 0
  reinits = 0
  rollbacks = 0
  /** Policy 'rollback': checkpoints taken and the time spent copying them; spares made in idle time after a restore, and theirs. */
  checkpoints = 0
  checkpointMs = 0
  spares = 0
  spareMs = 0
  private generations = 0
  newGeneration(): Generation {
    return new Generation(this, this.generations++)
  }

  /** Policy 'reinit': the next generation, made in idle time after a recovery (standby.ts). */
  readonly standby = new Standby(this)
  /** Set once by abort-flow.ts (the breaker, policy 'poison') until a reset. */
  poisonReason: UnavailableReason | null = null
  poisonedBy: Generation | null = null
  /** A generation being made (or restored) asynchronously: calls meanwhile are refused 'recovering'. */
  pending: Promise<unknown> | null = null
  /** Web-target glue only (its class comes with the spec, so that other bundles leave it out). */
  private readonly web: WebInit | null
  /** Policy 'rollback': falls back to a reinit when rollbacks keep restoring a state that aborts again. */
  readonly escalation: Escalation | null

  constructor(readonly spec: ModuleSpec) {
    this.name = spec.name
    this.policyPoison = spec.policy === 'poison'
    this.policyRollback = spec.policy === 'rollback'
    this.lazy = !this.policyRollback
    this.web = spec.WebInit ? new spec.WebInit(this) : null
    this.escalation = spec.rollback ? new spec.rollback.Escalation(this, spec.rollback.escalateAfter ?? 2) : null
    if (spec.bind === 'init') {
      // web target: the body runs now, the app binds it to an instance with init()/initSync()
      this.current = evaluate(this, this.newGeneration())
    } else {
      // until the first instance is live, calls meet a dead placeholder and `pending` (reason 'recovering')
      this.current = new Generation(this, -1)
      this.current.kill()
    }
  }

  /** Resolves when the first generation is live (see `start`). */
  ready: Promise<void> = Promise.resolve()

  /** Generation 0 for `set_wasm` / `self`: synchronous when the module can be had so (no source: the body compiles its inlined wasm, core detect/inline-self.ts). */
  start(): void | Promise<void> {
    if (this.spec.bind === 'init') return
    const src = this.spec.source
    const sync = src ? src.loadSync?.() : null
    const first = (m: WebAssembly.Module | null): void | Promise<void> => {
      if (m) this.module = m
      const { g, ready } = create(this, this.syncAllowed())
      const live = () => {
        this.current = g
        this.pending = null
      }
      if (!ready) return live()
      return ready.then(live)
    }
    const r = sync !== undefined ? first(sync) : src!.load().then(first)
    if (r) {
      this.pending = r
      this.ready = r
      r.catch(() => {})
    }
    return r
  }

  syncAllowed(): boolean {
    return syncAllowed(this.spec.wasmSize)
  }

  /** The generation that takes the next call. Cheap when live. */
  live(): Generation {
    const g = this.current
    return g.state === LIVE ? g : this.recover()
  }

  private recover(): Generation {
    if (this.poisonReason) throw new WasmUnavailableError(this.name, this.poisonReason)
    const g = this.current
    // frames of the dying generation are still unwinding: do not swap under them (lazy: see wasm-frames.ts)
    if (g.inflight && (this.lazy ? wasmOnStack() : this.depth > 0)) throw g.inflight
    if (this.pending) throw new WasmUnavailableError(this.name, 'recovering')
    if (!settlePending(this, g)) throw this.poisonReason ? new WasmUnavailableError(this.name, this.poisonReason) : g.refuse()
    this.reinit()
    if (this.pending) throw new WasmUnavailableError(this.name, 'recovering')
    return this.current
  }

  /** A fresh generation from the cached Module. */
  reinit(): void {
    if (!this.module) throw new WasmUnavailableError(this.name, 'recovering')
    const t0 = now()
    const { g, ready } = create(this, this.syncAllowed())
    const done = () => {
      // the old generation's failing call has unwound by now: later entries into it are stale
      release(this, this.current)
      this.current = g
      this.reinits++
      this.pending = null
      emit({ type: 'reinit', module: this.name, generation: g.id, durationMs: now() - t0 }, this)
      this.standby.prepare()
    }
    if (!ready) return done()
    this.pending = ready.then(done, (e) => {
      this.pending = null
      throw e
    })
    this.pending.catch(() => {})
  }

  /** What follows an abort (abort-flow.ts): called by a generation the moment it traps; its event; its recovery once no frame of it is on the stack. */
  readonly aborted = (g: Generation, err: WasmAbortError): void => aborted(this, g, err)
  readonly report = (g: Generation, err: WasmAbortError): void => report(this, g, err)
  readonly afterAbort = (g: Generation, self?: object): void => afterAbort(this, g, self)

  /** Policy 'rollback', outermost call from the app, the instance entered since the last checkpoint. */
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

  /** Policy 'rollback': an entry with no call of the app on the stack (see detached.ts). */
  detached<T>(g: Generation, call: () => T): T {
    return detachedEntry(this, g, call)
  }

  /** Called by every guard's catch: types the error, settles the abort once the call has unwound. */
  fail(g: Generation, e: unknown, label: string, args: unknown[], self?: object): unknown {
    // a glue function's direct wasm call (core: direct-calls.ts) has no export guard: its trap is made the abort here
    if (!g.ckpt) e = g.trap(e)
    if (e instanceof WasmAbortError && e === g.abortError) {
      if (label) e.setExport(label)
      this.report(g, e)
      // the outermost guard, or the executor's poll (see detached); the receiver counts for the escalation only
      // when its own method aborted (not a call nested in one of its callbacks)
      if (g.inflight && (this.lazy ? !wasmOnStack() : this.depth === 1 || (this.depth === 0 && g.detached))) this.afterAbort(g, label && e.export === label ? self : undefined)
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
      const owner = ownerOf(this, a)
      if (owner && owner.state !== LIVE) return new WasmStaleObjectError(this.name, label, owner.id, false, owner.abortError ?? undefined)
    }
    return e
  }

  /** How a folded facade returns (core: fold.ts): the call served (the breaker's streak ends), its result settled. */
  ok<T>(g: Generation, r: T): T {
    this.streak = 0
    return this.done(g, r)
  }

  /**
   * How an inline method returns (core: inline-methods.ts): no store per call. Every object of a fresh
   * generation comes from a facade's call, which ended the streak, so the breaker still trips only on
   * aborts with no call served between ('rollback', whose objects outlive an abort: template flag STREAK).
   */
  done<T>(g: Generation, r: T): T {
    return typeof r === 'object' && r !== null ? this.settled(g, r) : r
  }

  /** Async exports: a Promise of a generation that dies settles with the abort. */
  settled<T>(g: Generation, r: T): T {
    return r instanceof Promise ? (g.track(r) as T) : r
  }

  readonly unavailable = (): WasmUnavailableError => new WasmUnavailableError(this.name, this.poisonReason ?? 'poisoned')

  // facades.ts and web-init.ts hold these; here is the one name the emitted code calls
  readonly facadeClass = (name: string, statics: readonly string[]): Function => facadeClass(this, name, statics)
  readonly value = (name: string): unknown => valueExport(this, name)
  /** Exports moved out of the glue body (parts.ts), registered by their facades; `_deps` only keeps theirs alive. */
  readonly parts: Part[] = []
  readonly fn = <F>(name: string, make: Part['make'], _deps: unknown, facade: F, guards?: Part['guards']): F => (addPart(this, { name, make, guards }), facade)
  readonly cls = (name: string, make: Part['make'], _deps: unknown, statics: readonly string[], patch?: Part['patch'], guards?: Part['guards'], sealed?: boolean): Function => (addPart(this, { name, make, patch, guards, sealed }), this.facadeClass(name, statics))
  readonly init = (arg: unknown): Promise<unknown> => this.web!.init(arg)
  readonly initSync = (arg: unknown): unknown => this.web!.initSync(arg)
  through(label: string, args: unknown[], call: (g: Generation) => unknown, g: Generation = this.live(), self?: object): unknown {
    return callThrough(this, label, args, call, g, self)
  }

  /** Classes found by `value()` at run time: later generations patch them too. */
  readonly dynamicClasses: string[] = []
  /** Per import module and name: how a generation guards it (see Generation.guardImports). */
  readonly importKinds = new Map<string, Map<string, { kind: ImportKind; arity: number }>>()
  /** Policy 'rollback': the counters the checkpoint machinery reports into. */
  noteCheckpoint(ms: number): void {
    this.checkpoints++
    this.checkpointMs += ms
  }
  noteRollback(): void { this.rollbacks++ }

  get state(): ModuleState {
    if (this.poisonReason) return 'poisoned'
    return this.pending ? 'recovering' : this.current.state === LIVE ? 'live' : 'aborted'
  }

  stats(): Counts & { module: string; state: ModuleState } {
    // what the app reads right after a failing call is what follows it, unless a frame of it is still on the stack (as recover())
    if (this.lazy && this.current.inflight && !wasmOnStack()) catchUp(this, this.current)
    const base = { module: this.name, state: this.state, generation: this.current.id, aborts: this.aborts, reinits: this.reinits }
    if (!this.policyRollback) return base
    return { ...base, rollbacks: this.rollbacks, checkpoints: this.checkpoints, checkpointMs: this.checkpointMs, spares: this.spares, spareMs: this.spareMs }
  }

  /** Start over: clears a poisoned state or a tripped breaker and makes a fresh generation. */
  async reset(): Promise<void> {
    if (this.pending) await this.pending.catch(() => {})
    if (this.web && !this.web.initialized) return
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
    old.kill()
    release(this, old)
    this.reinit()
  }
}

// the emitted code's hot path (protocol.ts) names only members this class has
type _Hot = { [K in SupervisorMember]: Supervisor[K] }
