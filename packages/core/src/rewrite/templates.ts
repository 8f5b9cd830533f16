// The wrappers the rewrite emits per export, written as real functions: tsc checks every member they
// touch against the runtime's protocol types. They never run here; print.ts prints their compiled
// source with the placeholders filled in, per export:
//   KEY          the export's (or method's) name, as a string literal
//   LABEL        the label its errors carry (`Class.method`)
//   ARGS         its parameters: `a0, a1` for a fixed arity, else a rest parameter `args`
//   LIVE         the generation state number of a live generation (`GenState.Live`)
//   `if (FLAG) …` / `FLAG && …`  statements kept or dropped per export (AUTO: per-call checkpoints;
//                READ_ONLY: a call that leaves the state unchanged; TOUCH; CURRENT; FREE; DEPTH, STREAK: rollback)
// A guard's leading parameters (`g`, `x`, `s`, `f`) are dropped in print: the output finds them in its
// enclosing scope under the same names, so this file must never go through a minifier.
import type { Generation, Supervisor } from '@wasm-recovery/runtime/internal'

type Fn = (...args: any[]) => any
declare const __wbr: Supervisor
declare const KEY: string
declare const LABEL: string
declare const LIVE: 0
declare const AUTO: boolean
declare const READ_ONLY: boolean
declare const TOUCH: boolean
declare const CURRENT: boolean
declare const FREE: boolean
/** Policy 'rollback': the entry counts its depth (its checkpoints and rollbacks need the outermost call). */
declare const DEPTH: boolean
/** Policy 'rollback': a method's success ends the breaker's streak (its objects outlive an abort; see Supervisor.done). */
declare const STREAK: boolean
/** Where an inline method guard holds the glue's own body (see inline-methods.ts). */
declare const BODY: () => void

/**
 * An exported function of the glue: calls the live generation's. No try/finally and no call on the
 * happy path (~0.3 ns over the glue's own function, against ~2 ns for a generic wrapper).
 */
export function facade(...ARGS: unknown[]): unknown {
  let g = __wbr.current
  if (g.state !== LIVE) g = __wbr.live()
  if (AUTO && __wbr.depth === 0 && g.touched) __wbr.enter(g)
  if (DEPTH) __wbr.depth++
  let r
  try {
    r = g.ns[KEY](...ARGS)
  } catch (e) {
    const x = __wbr.fail(g, e, KEY, [...ARGS])
    if (DEPTH) __wbr.depth--
    throw x
  }
  if (DEPTH) __wbr.depth--
  __wbr.streak = 0
  if (READ_ONLY && __wbr.depth === 0) g.touched = false
  return typeof r === 'object' && r !== null ? __wbr.settled(g, r) : r
}

/**
 * An exported function moved out of the glue (split.ts) that nothing else calls, folded into its facade
 * (fold.ts): the glue's own body stands where BODY is, each of its `return x` made
 * `return __wbr.ok(__wbr_g, x)`; the names its body reads (`__wbr_s.name`, `__wbr_g.raw.x`) are the live
 * generation's, bound at each call. One function per call instead of the facade and the glue's function.
 */
export function foldedFacade(...ARGS: unknown[]): void {
  let __wbr_g = __wbr.current
  if (__wbr_g.state !== LIVE) __wbr_g = __wbr.live()
  const __wbr_s = __wbr_g.ns
  try {
    BODY()
    __wbr.streak = 0
  } catch (e) {
    throw __wbr.fail(__wbr_g, e, KEY, [...ARGS])
  }
}

/**
 * A raw wasm export as the glue sees it, one per export with its arity: every call site inside the glue
 * stays monomorphic (a shared guard per arity costs ~10 ns per call). `x`: the instance's exports;
 * CURRENT (rollback swaps instances under a live generation): the generation's current instance instead,
 * and an entry with no call of the app on the stack (the futures executor's poll) a transaction of its own.
 */
export function exportGuard(g: Generation, x: WebAssembly.Exports, ...ARGS: unknown[]): unknown {
  if (g.state !== LIVE) throw g.refuse()
  if (TOUCH) g.touched = true
  if (CURRENT && g.sup.depth === 0) return g.sup.detached(g, () => (g.raw![KEY] as Fn)(...ARGS))
  try {
    return ((CURRENT ? g.raw! : x)[KEY] as Fn)(...ARGS)
  } catch (e) {
    throw g.trap(e)
  }
}

/** A class method or accessor, installed on the generation's prototype around the glue's own `f`. */
export function methodGuard(this: unknown, g: Generation, s: Supervisor, f: Fn, ...ARGS: unknown[]): unknown {
  if (g.state !== LIVE) {
    if (FREE) return
    if (!FREE) throw g.stale(LABEL)
  }
  if (AUTO && s.depth === 0 && g.touched) s.enter(g)
  if (DEPTH) s.depth++
  let r
  try {
    r = f.call(this, ...ARGS)
  } catch (e) {
    const x = s.fail(g, e, LABEL, [...ARGS], this as object)
    if (DEPTH) s.depth--
    throw x
  }
  if (DEPTH) s.depth--
  if (STREAK) s.streak = 0
  if (READ_ONLY && s.depth === 0) g.touched = false
  return typeof r === 'object' && r !== null ? s.settled(g, r) : r
}

/**
 * A class method or accessor with its guard written into the class by the build (policies without
 * per-call checkpoints): nothing is patched per generation and no second function is called per call.
 * The glue's own body stands where BODY is, each of its `return x` made `return __wbr_su.done(__wbr_g, x)`
 * (no store of the breaker's streak per call: see Supervisor.done).
 * Its names are the output's: the glue's scope holds them, so they keep the reserved prefix.
 */
export function inlineMethod(this: unknown, __wbr_g: Generation, __wbr_su: Supervisor, ...ARGS: unknown[]): unknown {
  if (__wbr_g.state !== LIVE) {
    if (FREE) return
    if (!FREE) throw __wbr_g.stale(LABEL)
  }
  try {
    BODY()
  } catch (e) {
    throw __wbr_su.fail(__wbr_g, e, LABEL, [...ARGS], this as object)
  }
}
