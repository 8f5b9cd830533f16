import type { Policy as RuntimePolicy } from '@wasm-recovery/runtime/internal'

/** The runtime's policies, and `'off'`: the module is left as it is. */
export type Policy = RuntimePolicy | 'off'
export type FilterPattern = string | RegExp | Array<string | RegExp>

export interface Options {
  /**
   * Glue modules to handle (module ids; globs or RegExps).
   * @default every module detected as wasm-bindgen glue
   */
  include?: FilterPattern
  /**
   * Glue modules to leave untouched.
   * @default none
   */
  exclude?: FilterPattern
  /**
   * What happens after an abort: `'reinit'` makes a fresh instance, `'poison'` refuses further calls
   * (`WasmUnavailableError`), `'rollback'` restores the state from before the failed call into a fresh
   * instance (objects stay valid; see `rollback`), `'off'` leaves the module as it is. A function decides
   * per module name.
   * @default 'reinit'
   */
  policy?: Policy | ((moduleName: string, id: string) => Policy)
  /**
   * Policy `'rollback'`: when checkpoints are taken and what they may cost.
   * - `checkpoint`: `'call'` copies the instance's memory before every call from the app that follows a
   *   change; `'manual'` only when the app calls `checkpoint(module)` (objects made after it fail typed
   *   after a rollback).
   * - `maxMemory`: bytes of linear memory above which no automatic checkpoint is taken; an abort then
   *   reinitialises (event `rollback-failed`).
   * - `readOnly`: exports (`fn`, `Class.method`) that leave the state as they found it when they succeed:
   *   a call of one needs no new checkpoint after it.
   * - `escalateAfter`: rollbacks in a row of one object's failing method (no successful call of that
   *   method on it between) after which its next abort reinitialises instead (event `rollback-failed`,
   *   reason `escalated to 'reinit': …`): the restored state leads back to the abort, and the app's
   *   recovery (stale objects, rebuilt from storage) must run. `false` never escalates.
   * @default { checkpoint: 'call', maxMemory: 64 MiB, readOnly: [], escalateAfter: 2 }
   */
  rollback?: RollbackOptions
  /**
   * Aborts with no successful call in between after which a module is refused (`reason: 'breaker'`).
   * `false` disables it.
   * @default { maxConsecutiveAborts: 20 }
   */
  circuitBreaker?: { maxConsecutiveAborts: number } | false
  /**
   * How the `.wasm` reaches the bundle: an emitted file, or base64 inside the JS.
   * @default 'asset'
   */
  wasm?: 'asset' | 'inline'
  /**
   * Emit top-level `await` for targets that load the `.wasm` before their exports work (bundler target).
   * By default only where the output format has it: ES module output of Rollup, rolldown, esbuild and
   * Vite; webpack and Rspack in every app (async modules) but not in a CommonJS/UMD/global library,
   * whose exports would become a Promise. CommonJS, IIFE and UMD output gets none by itself. `false` emits none anywhere: exports throw `WasmUnavailableError` (reason
   * `'recovering'`) until `await ready()` from `@wasm-recovery/runtime` resolves — for SharedWorkers and
   * old browsers. Under Node the module loads synchronously either way. `true` forces it.
   * @default where the output format supports it
   */
  topLevelAwait?: boolean
  /**
   * Log every detection decision at build time.
   * @default false
   */
  debug?: boolean
}

export interface RollbackOptions {
  checkpoint?: 'call' | 'manual'
  maxMemory?: number
  readOnly?: string[]
  escalateAfter?: number | false
}

export interface ResolvedOptions {
  include: FilterPattern | undefined
  exclude: FilterPattern | undefined
  policy: (moduleName: string, id: string) => Policy
  maxConsecutiveAborts: number
  rollback: Required<RollbackOptions>
  wasm: 'asset' | 'inline'
  /** What the transform emits; the plugin sets it per build while `topLevelAwaitAuto`. */
  topLevelAwait: boolean
  /** No `topLevelAwait` was given: it follows the output format. */
  topLevelAwaitAuto: boolean
  debug: boolean
}

const KNOWN = new Set(['include', 'exclude', 'policy', 'rollback', 'circuitBreaker', 'wasm', 'topLevelAwait', 'debug'])
const POLICIES: readonly Policy[] = ['reinit', 'poison', 'rollback', 'off']
const ROLLBACK_KEYS = new Set(['checkpoint', 'maxMemory', 'readOnly', 'escalateAfter'])

function fail(option: string, expected: string, got: unknown): never {
  throw new TypeError(`[wasm-recovery] invalid option \`${option}\`: expected ${expected}, got ${JSON.stringify(got) ?? String(got)}`)
}

function checkPattern(name: string, v: unknown): void {
  const ok = (x: unknown) => typeof x === 'string' || x instanceof RegExp
  if (v !== undefined && !ok(v) && !(Array.isArray(v) && v.every(ok))) fail(name, 'a string, a RegExp or an array of them', v)
}

/** Validates once; every error names the option. */
export function resolveOptions(options: Options | undefined = {}): ResolvedOptions {
  if (options === null || typeof options !== 'object') fail('options', 'an object', options)
  for (const key of Object.keys(options)) if (!KNOWN.has(key)) fail(key, `one of ${[...KNOWN].join(', ')} (unknown option)`, key)
  checkPattern('include', options.include)
  checkPattern('exclude', options.exclude)
  const { policy = 'reinit', circuitBreaker = { maxConsecutiveAborts: 20 }, wasm = 'asset', topLevelAwait, debug = false } = options
  if (typeof policy !== 'function' && !POLICIES.includes(policy)) fail('policy', `'reinit', 'poison', 'rollback', 'off' or a function`, policy)
  const rollback = resolveRollback(options.rollback)
  if (circuitBreaker !== false) {
    const max = (circuitBreaker as { maxConsecutiveAborts?: unknown })?.maxConsecutiveAborts
    if (typeof circuitBreaker !== 'object' || !Number.isInteger(max) || (max as number) < 1)
      fail('circuitBreaker', '{ maxConsecutiveAborts: <integer ≥ 1> } or false', circuitBreaker)
  }
  if (wasm !== 'asset' && wasm !== 'inline') fail('wasm', `'asset' or 'inline'`, wasm)
  if (topLevelAwait !== undefined && typeof topLevelAwait !== 'boolean') fail('topLevelAwait', 'a boolean', topLevelAwait)
  if (typeof debug !== 'boolean') fail('debug', 'a boolean', debug)
  return {
    include: options.include,
    exclude: options.exclude,
    policy: (name, id) => {
      const p = typeof policy === 'function' ? policy(name, id) : policy
      if (!POLICIES.includes(p)) fail('policy', `'reinit', 'poison', 'rollback' or 'off' from the policy function for ${name}`, p)
      return p
    },
    maxConsecutiveAborts: circuitBreaker === false ? 0 : circuitBreaker.maxConsecutiveAborts,
    rollback,
    wasm,
    topLevelAwait: topLevelAwait ?? true,
    topLevelAwaitAuto: topLevelAwait === undefined,
    debug,
  }
}

function resolveRollback(r: unknown): Required<RollbackOptions> {
  const out: Required<RollbackOptions> = { checkpoint: 'call', maxMemory: 64 * 1024 * 1024, readOnly: [], escalateAfter: 2 }
  if (r === undefined) return out
  if (r === null || typeof r !== 'object' || Array.isArray(r)) fail('rollback', `an object { checkpoint, maxMemory, readOnly, escalateAfter }`, r)
  for (const key of Object.keys(r)) if (!ROLLBACK_KEYS.has(key)) fail(`rollback.${key}`, `one of ${[...ROLLBACK_KEYS].join(', ')} (unknown option)`, key)
  const { checkpoint = out.checkpoint, maxMemory = out.maxMemory, readOnly = out.readOnly, escalateAfter = out.escalateAfter } = r as RollbackOptions
  if (checkpoint !== 'call' && checkpoint !== 'manual') fail('rollback.checkpoint', `'call' or 'manual'`, checkpoint)
  if (typeof maxMemory !== 'number' || !(maxMemory > 0)) fail('rollback.maxMemory', 'a number of bytes > 0', maxMemory)
  if (!Array.isArray(readOnly) || !readOnly.every((x) => typeof x === 'string')) fail('rollback.readOnly', 'an array of export names', readOnly)
  if (escalateAfter !== false && !(Number.isInteger(escalateAfter) && escalateAfter >= 1))
    fail('rollback.escalateAfter', 'a whole number of rollbacks ≥ 1, or false', escalateAfter)
  return { checkpoint, maxMemory, readOnly, escalateAfter }
}
