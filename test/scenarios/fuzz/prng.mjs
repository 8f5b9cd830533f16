// A small seeded PRNG (mulberry32) and the seed of each run, derived from the master seed, the package
// and the run's index: a run is reproduced from (master seed, package, index) or from its own seed.

/** Uniform floats in [0, 1) from a 32-bit seed. */
export function rng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** An integer in [lo, hi] (inclusive). */
export function int(r, lo, hi) {
  return lo + Math.floor(r() * (hi - lo + 1))
}

function fnv1a(s) {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** splitmix32 of (master seed, package, index): the run's own seed. */
export function runSeed(master, pkg, index) {
  let z = (master ^ fnv1a(pkg) ^ Math.imul(index + 1, 0x9e3779b9)) >>> 0
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  return (z ^ (z >>> 16)) >>> 0
}

/** A short content digest for byte arrays in results (FNV-1a, hex) with the length. */
export function digest(bytes) {
  let h = 0x811c9dc5
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193)
  return `${bytes.length}:${(h >>> 0).toString(16).padStart(8, '0')}`
}
