// Imported before the glue (by the fuzz driver and test/scenarios/dead-generation.mjs): wraps every WebAssembly instance
// so that the fuzz driver sees, from outside the code under test,
// - every call that reached an instance's raw exports, per instance;
// - the moment an instance trapped (a WebAssembly.RuntimeError left one of its exports): from then on
//   it is dead, and any later entry into it is counted in `afterDeath`;
// - the instrumented module's controls (see test/helpers/inject.ts): arm / disarm the injected trap
//   and read the per-function entry counters — through the raw exports, so these reads are not
//   counted as calls.
const RealInstance = WebAssembly.Instance
const realInstantiate = WebAssembly.instantiate
const CONTROLS = new Set(['__wrfuzz_countdown', '__wrfuzz_target', '__wrfuzz_hits'])

export const instances = []
/** Calls into any instance so far (orders the instances by their last entry). */
let entries = 0

function count(instance) {
  const rec = { index: instances.length, raw: instance.exports, calls: 0, lastEntry: 0, deadAt: null, afterDeath: 0, firstAfterDeath: null, trap: null }
  instances.push(rec)
  const exports = {}
  for (const [k, v] of Object.entries(instance.exports)) {
    if (typeof v !== 'function' || CONTROLS.has(k)) {
      exports[k] = v
      continue
    }
    const counted = (...args) => {
      rec.calls++
      rec.lastEntry = ++entries
      if (rec.deadAt !== null) {
        rec.afterDeath++
        rec.firstAfterDeath ??= { export: k, stack: new Error().stack?.split('\n').slice(2, 8).join('\n') }
      }
      try {
        return v(...args)
      } catch (e) {
        // the first trap kills the instance (frames of it still on the stack unwind; no new entry is allowed)
        if (e instanceof WebAssembly.RuntimeError && rec.deadAt === null) {
          rec.deadAt = rec.calls
          rec.trap = { export: k, message: e.message, stack: String(e.stack ?? '') }
        }
        throw e
      }
    }
    // keep the arity of the wasm function (guards are made per arity)
    exports[k] = Object.defineProperty(counted, 'length', { value: v.length })
  }
  return new Proxy(instance, { get: (t, p) => (p === 'exports' ? exports : Reflect.get(t, p)) })
}

WebAssembly.Instance = function (module, imports) {
  return count(new RealInstance(module, imports))
}
WebAssembly.instantiate = async (src, imports) => {
  const r = await realInstantiate(src, imports)
  return r instanceof RealInstance ? count(r) : { module: r.module, instance: count(r.instance) }
}

/**
 * The newest instrumented instance: the live one (a fresh generation is a new instance). Other wasm
 * instances are counted too but skipped here: Node itself instantiates one (undici's llhttp) the first
 * time the web glue reads the global `Response`.
 */
export function latest() {
  for (let i = instances.length - 1; i >= 0; i--) if (instances[i].raw.__wrfuzz_countdown) return instances[i]
  return undefined
}

/**
 * The instrumented instance that takes the calls: the live one most recently entered. Unlike `latest()`
 * it skips instances made but never entered (policy 'rollback' keeps its checkpoint in a spare instance,
 * newer than the live one). Right after a rollback, before any call, the swapped-in one is `latest()`.
 */
export function live() {
  let best
  for (const rec of instances) if (rec.raw.__wrfuzz_countdown && rec.deadAt === null && rec.lastEntry > (best?.lastEntry ?? 0)) best = rec
  return best ?? latest()
}

export function arm(rec, target, countdown) {
  rec.raw.__wrfuzz_target.value = target
  rec.raw.__wrfuzz_countdown.value = countdown
}

export function disarm(rec) {
  rec.raw.__wrfuzz_countdown.value = 0
  rec.raw.__wrfuzz_target.value = -1
}

export function countdown(rec) {
  return rec.raw.__wrfuzz_countdown.value
}

/** Entries of every listed function since the instance was made. */
export function hits(rec, indices) {
  return indices.map((i) => rec.raw.__wrfuzz_hits(i))
}
