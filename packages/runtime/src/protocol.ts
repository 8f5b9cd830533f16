// The protocol between the glue the plugin emits and this runtime: what the emitted code hands over
// (ModuleSpec) and the members it may touch on the hot path (see HOT_MEMBERS). Everything here is
// exported from `@wasm-recovery/runtime/internal`, never from the user entry.
import type { GlueContext } from './generation.js'
import type { WasmSource } from './load.js'
import type { Checkpoint } from './rollback.js'
import type { Escalation } from './escalation.js'
import type { WebInit } from './web-init.js'

/** A generation's state. Emitted code compares against the numbers, so they never change. */
export const GenState = { Live: 0, Dead: 1 } as const
export type GenState = (typeof GenState)[keyof typeof GenState]

/** A module's policy once the plugin resolved it (`'off'` never reaches the runtime). */
export type Policy = 'reinit' | 'poison' | 'rollback'
export type ModuleState = 'live' | 'aborted' | 'recovering' | 'poisoned'

/** Policy 'rollback', under the plugin's own option names (`rollback.checkpoint`, `rollback.maxMemory`). */
export interface RollbackSpec {
  /** 'call': a checkpoint before every call from the app that follows an entry into the instance; 'manual': only on `checkpoint(module)`. */
  checkpoint: 'call' | 'manual'
  /** Over this much linear memory no automatic checkpoint is taken, and an abort reinitialises instead. */
  maxMemory: number
  /** Rollbacks in a row of one object's failing method before its next abort reinitialises (escalation.ts); 0: never. */
  escalateAfter?: number
  /** The rollback machinery and its escalation, passed in so that bundles without that policy leave them out. */
  Checkpoint: new () => Checkpoint
  Escalation: typeof Escalation
}

/** Installs a build-time method guard on a prototype (`make` gets the original function). */
export type MethodWrap = (proto: object, key: string, kind: 'method' | 'get' | 'set', make: (f: (...args: any[]) => any) => (...args: any[]) => any) => void

/**
 * What the rewritten glue hands `createSupervisor`. The plugin builds it as a typed object
 * (core/src/rewrite/spec.ts) and serialises it into the glue.
 */
export interface ModuleSpec<G = any> {
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
  /** `init`: the app's side of its initialisation (web-init.ts), passed in so that other bundles leave it out. */
  WebInit?: typeof WebInit
  source?: WasmSource
  policy?: Policy
  rollback?: RollbackSpec
  /** 0 disables the circuit breaker. */
  maxConsecutiveAborts?: number
  /** Byte size of the .wasm (browsers refuse synchronous instantiation over 8 MB on the main thread). */
  wasmSize?: number
  /**
   * The .wasm has no start section (known at build time): a generation can be made ahead of time in idle
   * time, its `__wbindgen_start` held back until it takes over (see standby.ts).
   */
  standby?: boolean
  /** Guards generated per export at build time (the runtime makes generic ones for anything missing). */
  guards?: (g: G, raw: WebAssembly.Exports) => Record<string, (...args: any[]) => any>
  /** Classes whose own methods all have their guards written into the class: their prototypes are only marked. */
  sealed?: readonly string[]
  /** Method guards generated per method at build time; `wrap` installs one (the runtime guards the rest). */
  patch?: (g: G, ns: Record<string, any>, wrap: MethodWrap) => void
}

/**
 * The members emitted code may read or call, per object it holds: `__wbr` / `s` (the Supervisor),
 * `g` (a Generation). A test checks every member access of the emitted code against these lists, and
 * the type assertions in supervisor.ts and generation.ts check that the classes have them.
 */
export const HOT_MEMBERS = {
  supervisor: ['current', 'live', 'depth', 'streak', 'fail', 'ok', 'done', 'settled', 'enter', 'detached', 'start', 'ready', 'init', 'initSync', 'resetSync', 'value', 'facadeClass', 'fn', 'cls'],
  generation: ['state', 'ns', 'raw', 'sup', 'touched', 'refuse', 'stale', 'trap'],
} as const
export type SupervisorMember = (typeof HOT_MEMBERS.supervisor)[number]
export type GenerationMember = (typeof HOT_MEMBERS.generation)[number]
