import type { Generation } from './generation.js'
import { GenState } from './protocol.js'

type Fn = (...args: any[]) => any

const LIVE = GenState.Live

/**
 * Generic guard for a raw wasm function of one generation (exports the build did not type, functions
 * read from tables). The plugin generates the hot ones per export with fixed arity instead.
 * A dead generation refuses entry; a trap becomes the generation's one abort error at once, so the
 * glue's own `finally` blocks (e.g. `__wbindgen_add_to_stack_pointer(16)`) rethrow the same error.
 * `current`: policy 'rollback' swaps instances under a live generation, so a guard the glue kept (a
 * closure's destructor) must reach the function of the instance that is current at call time.
 */
export function guardExport(g: Generation, f: Fn, current?: () => Fn): Fn {
  // a fixed arity where the instance cannot change under it: no rest array, no spread call per call
  if (!current) {
    switch (f.length) {
      case 0: return function () { if (g.state !== LIVE) throw g.refuse(); g.touched = true; try { return f() } catch (e) { throw g.trap(e) } }
      case 1: return function (a) { if (g.state !== LIVE) throw g.refuse(); g.touched = true; try { return f(a) } catch (e) { throw g.trap(e) } }
      case 2: return function (a, b) { if (g.state !== LIVE) throw g.refuse(); g.touched = true; try { return f(a, b) } catch (e) { throw g.trap(e) } }
      case 3: return function (a, b, c) { if (g.state !== LIVE) throw g.refuse(); g.touched = true; try { return f(a, b, c) } catch (e) { throw g.trap(e) } }
    }
  }
  return function (...args: unknown[]) {
    if (g.state !== LIVE) throw g.refuse()
    g.touched = true
    try {
      return (current ? current() : f)(...args)
    } catch (e) {
      throw g.trap(e)
    }
  }
}

/**
 * Guards for the JS imports of one generation: once it is dead, an import neither starts nor returns,
 * so wasm frames of a dead instance that are still on the stack (nested abort) unwind at once.
 * A Promise made by an import that is refused on return (a `Promise::new` whose executor aborted), or
 * one derived by `then` for wasm-bindgen-futures (whose reaction may meet a dead generation), is owned
 * by Rust code that will never see it again: it must not surface as an unhandled rejection.
 */
export function guardImport(g: Generation, f: Fn, derivesPromise: boolean, arity = f.length): Fn {
  const d = derivesPromise
  switch (arity) {
    // length 0 also covers glue that reads `arguments` (handleError wrappers): pass everything on
    case 1: return function (a) { if (g.state !== LIVE) throw g.refuse(); return settle(g, f(a), d) }
    case 2: return function (a, b) { if (g.state !== LIVE) throw g.refuse(); return settle(g, f(a, b), d) }
    case 3: return function (a, b, c) { if (g.state !== LIVE) throw g.refuse(); return settle(g, f(a, b, c), d) }
    default: return function (this: unknown, ...args: unknown[]) { if (g.state !== LIVE) throw g.refuse(); return settle(g, f.apply(this, args), d) }
  }
}

/** An import's result on its way back into the instance (one function for all: no closure per import per generation). */
function settle(g: Generation, r: unknown, derivesPromise: boolean): unknown {
  if (derivesPromise && r instanceof Promise) r.catch(ignore)
  if (g.state !== LIVE) {
    if (r instanceof Promise) r.catch(ignore)
    throw g.refuse()
  }
  return r
}

const ignore = () => {}

/** How a function import is passed to the instance: as it is (a class), guarded, guarded with its Promises kept quiet. */
export const ImportKind = { Class: 0, Call: 1, Then: 2 } as const
export type ImportKind = (typeof ImportKind)[keyof typeof ImportKind]

/**
 * Generic guard for class methods of one generation (patched onto its prototypes) that the build did not
 * generate one for (symbol keys such as `Symbol.dispose`, accessors of unusual classes): an object of a
 * dead generation fails typed before touching any instance; `free()` and `[Symbol.dispose]()` (the glue's
 * alias of `free`) on it are no-ops, so `using` and `try … finally` never hide the abort behind a stale error.
 */
export function guardMethod(g: Generation, f: Fn, label: string, isFree: boolean): Fn {
  const noop = isFree
  return function (this: object, ...args: unknown[]) {
    if (g.state !== LIVE) {
      if (noop) return
      throw g.stale(label)
    }
    return g.sup.through(label, args, () => f.apply(this, args), g, this)
  }
}

/** Wasm functions read from an exported table (closure destructors, …) are guarded like exports. */
export function guardTable(g: Generation, t: WebAssembly.Table, current?: () => WebAssembly.Table): object {
  return {
    get(i: number) {
      const f = t.get(i)
      return typeof f === 'function' && /^\d+$/.test(f.name) ? guardExport(g, f, current && (() => current().get(i))) : f
    },
    set: (i: number, v: unknown) => t.set(i, v as never),
    grow: (n: number, v?: unknown) => t.grow(n, v as never),
    get length() { return t.length },
  }
}
