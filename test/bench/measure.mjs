// Side-by-side sampling: variants are interleaved round by round so drift hits them alike; each ratio
// is taken per round (paired) and summarised by its median and interquartile range.
export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b)
  const i = (s.length - 1) * q
  const lo = Math.floor(i)
  return s[lo] + (s[Math.ceil(i)] - s[lo]) * (i - lo)
}

export function summary(xs) {
  return { median: quantile(xs, 0.5), p25: quantile(xs, 0.25), p75: quantile(xs, 0.75), n: xs.length }
}

const LOOP = 'let s = 0; const t = performance.now(); for (let i = 0; i < n; i++) s ^= fn(i) | 0; return [((performance.now() - t) * 1e6) / n, s]'
// One loop for every variant: its call site `fn(i)` sees them all (polymorphic), so no variant's call is
// inlined into it, and both sides pay the same extra cost, which pulls the ratio toward 1.
const sharedLoop = new Function('fn', 'n', LOOP)
let loops = 0
/**
 * A timing loop of its own, as an app's hot loop over one call: monomorphic, so V8 may inline the call.
 * The source text differs per loop because V8 caches `new Function` by source, and closures of one cached
 * source would share their feedback again.
 */
const ownLoop = () => new Function('fn', 'n', `/* loop ${++loops} */ ${LOOP}`)

let sink = 0
/** ns per call of `fn(i)` over `n` calls (performance.now: the same clock in Node and browsers). */
export function timePerCall(fn, n, loop = sharedLoop) {
  const [ns, s] = loop(fn, n)
  sink ^= s
  return ns
}

/**
 * variants: { name: fn }. Each round times every variant twice: in a loop of its own (`own`, how an app
 * calls) and in the one loop all variants share (`shared`, what this bench measured before); the order
 * alternates round by round. Returns, per loop kind, ns/call per variant and its per-round ratio to
 * `base`, all as summaries.
 */
export function compare(variants, { base, calls, rounds = 21, warmup = 3 }) {
  const names = Object.keys(variants)
  const own = Object.fromEntries(names.map((n) => [n, ownLoop()]))
  const ns = { own: Object.fromEntries(names.map((n) => [n, []])), shared: Object.fromEntries(names.map((n) => [n, []])) }
  for (let r = 0; r < rounds + warmup; r++) {
    const order = r % 2 ? names : [...names].reverse()
    const round = { own: {}, shared: {} }
    for (const n of order) {
      round.own[n] = timePerCall(variants[n], calls, own[n])
      round.shared[n] = timePerCall(variants[n], calls, sharedLoop)
    }
    if (r >= warmup) for (const k of ['own', 'shared']) for (const n of names) ns[k][n].push(round[k][n])
  }
  const out = {}
  for (const k of ['own', 'shared']) {
    out[k] = {}
    for (const n of names) out[k][n] = { ns: summary(ns[k][n]), ratio: summary(ns[k][n].map((v, i) => v / ns[k][base][i])) }
  }
  return out
}

/** The workers-rs way: every property read of the exports (or an object) yields a fresh wrapper. */
export function proxied(target) {
  return new Proxy(target, {
    get(t, p) {
      const v = Reflect.get(t, p)
      if (typeof v !== 'function') return v
      return function (...args) {
        try {
          return v.apply(t, args)
        } catch (e) {
          if (e instanceof WebAssembly.RuntimeError) t.__poisoned = true
          throw e
        }
      }
    },
  })
}

/**
 * Floors for the per-call rows, measured beside them. `guardOnly`: a fresh copy of a nodejs glue whose
 * wasm exports each sit behind the least a recovery guard does (a state check and a try/catch, fixed
 * arity, one function per export): the app calls the glue's own functions, so this is what a design
 * without facades would cost at best. The require cache is bypassed and WebAssembly.Instance is swapped
 * only while the copy loads.
 */
export function guardOnly(require, path) {
  return withGuardedInstances(() => {
    const resolved = require.resolve(path)
    const saved = require.cache[resolved]
    delete require.cache[resolved]
    const copy = require(resolved)
    if (saved) require.cache[resolved] = saved
    else delete require.cache[resolved]
    return copy
  })
}

/**
 * Runs `load` (a glue instantiating synchronously) with `WebAssembly.Instance` swapped for one whose
 * exports sit behind guardedExports. Browser-safe: browser-page.mjs takes the same floor in Chromium.
 */
export function withGuardedInstances(load) {
  const Real = WebAssembly.Instance
  const state = { dead: false }
  WebAssembly.Instance = function (module, imports) {
    return { exports: guardedExports(new Real(module, imports).exports, state) }
  }
  try {
    return load()
  } finally {
    WebAssembly.Instance = Real
  }
}

/**
 * The least a recovery guard does around each wasm export (a state check and a try/catch, fixed arity,
 * one function per export), in one object literal, as the plugin emits: an object filled key by key turns
 * into a slow dictionary.
 */
function guardedExports(x, state) {
  const entries = Object.keys(x).map((k) => {
    const key = JSON.stringify(k)
    if (typeof x[k] !== 'function') return `${key}: x[${key}]`
    const params = Array.from({ length: x[k].length }, (_, i) => `a${i}`).join(', ')
    return `${key}: function (${params}) { if (s.dead) throw new Error('dead'); try { return x[${key}](${params}) } catch (e) { s.dead = true; throw e } }`
  })
  return new Function('x', 's', `return {\n${entries.join(',\n')}\n}`)(x, state)
}

/** `forward`: one stable function that reads the current instance's export and calls it, nothing else. */
export function forwarding(ns, name) {
  const holder = { ns }
  return new Function('h', `/* ${name} */ return function (a0, a1) { return h.ns[${JSON.stringify(name)}](a0, a1) }`)(holder)
}
