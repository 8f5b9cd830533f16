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

let sink = 0
/** ns per call of `fn(i)` over `n` calls (performance.now: the same clock in Node and browsers). */
export function timePerCall(fn, n) {
  const t = performance.now()
  for (let i = 0; i < n; i++) sink ^= fn(i) | 0
  return ((performance.now() - t) * 1e6) / n
}

/** variants: { name: fn }; returns ns/call per variant and ratios against `base`, all as summaries. */
export function compare(variants, { base, calls, rounds = 21, warmup = 3 }) {
  const names = Object.keys(variants)
  const ns = Object.fromEntries(names.map((n) => [n, []]))
  for (let r = 0; r < rounds + warmup; r++) {
    const order = r % 2 ? names : [...names].reverse()
    const round = {}
    for (const n of order) round[n] = timePerCall(variants[n], calls)
    if (r >= warmup) for (const n of names) ns[n].push(round[n])
  }
  const out = {}
  for (const n of names) {
    out[n] = { ns: summary(ns[n]), ratio: summary(ns[n].map((v, i) => v / ns[base][i])) }
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
