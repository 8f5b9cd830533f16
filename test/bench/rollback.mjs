// Policy 'rollback': what a checkpoint costs per call as linear memory grows, and how long a restore
// takes, side by side with the default policy (reinit) and with the physical floors (a plain memcpy of
// the same bytes; a bare instance whose memory is grown and filled). Run as a child process by run.mjs.
//
// Memory sizes are read from the supervisor the bundle made, which run.mjs's runtime shim hands over
// (`globalThis[Symbol.for('wasm-recovery.bench')]`, read only): the glue does not expose its memory.
import { readFileSync } from 'node:fs'
import { summary } from './measure.mjs'

// panic hooks print to console.error on every abort: keep the measurement's output readable
console.error = () => {}
const [fxDefault, fxRollback, fxReadOnly, fxRestore, fxReinit, fxWasm, photonRollback, photonReinit, photonWasm] = process.argv.slice(2)
const MiB = 1 << 20
const gc = globalThis.gc ?? (() => {})
const registry = () => globalThis[Symbol.for('wasm-recovery.bench')] ?? []

/** Imports a bundle; returns its exports and the supervisor it registered. */
async function load(file) {
  const n = registry().length
  const m = await import(file)
  const sup = registry()[n]
  if (!sup) throw new Error(`${file}: no supervisor registered`)
  // listeners are shared by every runtime copy and the bundles share module names: each variant reads
  // the event its own call just caused
  const events = []
  m.runtime.onRecovery((e) => e.module === sup.name && events.push(e))
  return { m, sup, events, bytes: () => memoryOf(sup.current.raw).buffer.byteLength }
}

function memoryOf(raw) {
  for (const k in raw) if (raw[k] instanceof WebAssembly.Memory) return raw[k]
  throw new Error('no memory')
}

/** Grows the fixture's memory to at least `target` bytes (alloc_huge frees what it took; memory never shrinks). */
function grow(x, target) {
  for (let i = 0; i < 20 && x.bytes() < target; i++) x.m.alloc_huge(target - x.bytes())
  if (x.bytes() < target) throw new Error(`memory stuck at ${x.bytes()} bytes, wanted ${target}`)
}

/** A touched buffer of `n` bytes backed by a wasm memory, like the instance's. */
function wasmBytes(n) {
  return new Uint8Array(new WebAssembly.Memory({ initial: n / 65536 }).buffer).fill(7)
}

let sink = 0
/** ms per call of `f`, over `calls` calls. */
function msPerCall(f, calls) {
  const t = performance.now()
  for (let i = 0; i < calls; i++) sink ^= f(i) | 0
  return (performance.now() - t) / calls
}

/**
 * Paired rounds, order alternating: variants: { name: [fn, calls] } (each its own count of calls, so a
 * ~10 ns call and a ~10 ms one are both timed over a span well above the clock's resolution).
 */
function rounds(variants, n, warmup = 2) {
  const names = Object.keys(variants)
  const ms = Object.fromEntries(names.map((k) => [k, []]))
  for (let r = 0; r < n + warmup; r++) {
    const order = r % 2 ? names : [...names].reverse()
    const one = {}
    for (const k of order) one[k] = msPerCall(...variants[k])
    if (r >= warmup) for (const k of names) ms[k].push(one[k])
  }
  return ms
}

const out = { checkpoint: [], restore: [], photon: null }

// ---- 1. checkpoint cost per call against memory size ----
const def = await load(fxDefault)
const rb = await load(fxRollback)
const ro = await load(fxReadOnly)
for (const size of [1, 4, 16, 64]) {
  const target = size * MiB
  for (const x of [def, rb, ro]) grow(x, target)
  // the first call after the memory grew (alloc_huge's own checkpoint was taken before it grew): the
  // checkpoint grows the spare instance's memory and touches its new pages for the first time
  const t = performance.now()
  rb.m.add(0, 0)
  const firstAfterGrowth = performance.now() - t
  const bytes = rb.bytes()
  const mb = bytes / MiB
  const src = wasmBytes(bytes)
  const dst = new Uint8Array(bytes).fill(1)
  // ~25 ms per timing at ~0.1 ms/MB
  const heavy = Math.max(4, Math.round(250 / mb))
  const ck0 = ro.sup.stats().checkpoints
  const ms = rounds({
    default: [(i) => def.m.add(i, 1), 200_000],
    rollback: [(i) => rb.m.add(i, 1), heavy],
    readOnly: [(i) => ro.m.add(i, 1), 200_000],
    memcpy: [() => dst.set(src), heavy],
  }, 15)
  const roCheckpoints = ro.sup.stats().checkpoints - ck0
  const roCalls = 200_000 * 17
  const cost = ms.rollback.map((v, i) => v - ms.default[i])
  out.checkpoint.push({
    mb,
    bytes: [def.bytes(), rb.bytes(), ro.bytes()],
    firstAfterGrowth,
    default: summary(ms.default),
    rollback: summary(ms.rollback),
    readOnly: summary(ms.readOnly),
    memcpy: summary(ms.memcpy),
    // µs per MB of memory the checkpoint adds to a call; the same for the plain copy
    usPerMb: summary(cost.map((v) => (v * 1000) / mb)),
    memcpyUsPerMb: summary(ms.memcpy.map((v) => (v * 1000) / mb)),
    overMemcpy: summary(ms.rollback.map((v, i) => v / ms.memcpy[i])),
    readOnlyOverDefault: summary(ms.readOnly.map((v, i) => v / ms.default[i])),
    readOnlyCheckpoints: roCheckpoints,
    readOnlyCalls: roCalls,
  })
  gc()
}

// ---- 2. restore latency at 16 MB: rollback vs reinit vs the floors ----
const RESTORE = 16 * MiB
const rs = await load(fxRestore)
const ri = await load(fxReinit)
grow(rs, RESTORE)
/** What any restore into a fresh instance must do: instantiate, grow, copy into never-touched pages. */
function freshFloor(file) {
  const module = new WebAssembly.Module(readFileSync(file))
  const stubs = {}
  for (const i of WebAssembly.Module.imports(module)) (stubs[i.module] ??= {})[i.name] = () => {}
  return (snapshot) => {
    const t0 = performance.now()
    const inst = new WebAssembly.Instance(module, stubs)
    const mem = memoryOf(inst.exports)
    mem.grow((snapshot.length - mem.buffer.byteLength) / 65536)
    new Uint8Array(mem.buffer).set(snapshot)
    return performance.now() - t0
  }
}
const fixtureFloor = freshFloor(fxWasm)
const snapshot = wasmBytes(rs.bytes())
const warm = new Uint8Array(rs.bytes()).fill(1)

const series = { rollbackEvent: [], rollbackFail: [], rollbackNext: [], rollbackEnd: [], reinitEvent: [], reinitEnd: [], freshFloor: [], warmFloor: [] }
const ROUNDS = 30
const variants = {
  rollback() {
    rs.m.add(1, 2) // the instance was entered: the failing call checkpoints first, as in an app
    const t0 = performance.now()
    try { rs.m.panic_now('x') } catch {}
    const t1 = performance.now()
    rs.m.add(2, 3)
    const t2 = performance.now()
    const e = rs.events.at(-1)
    if (e?.type !== 'rollback') throw new Error(`expected a rollback, got ${e?.type} ${e?.reason ?? ''}`)
    series.rollbackEvent.push(e.durationMs)
    series.rollbackFail.push(t1 - t0)
    series.rollbackNext.push(t2 - t1)
    series.rollbackEnd.push(t2 - t0)
  },
  reinit() {
    grow(ri, RESTORE) // a reinit starts over at the initial memory: the same size each round, untimed
    const t0 = performance.now()
    try { ri.m.panic_now('x') } catch {}
    ri.m.add(2, 3)
    const t1 = performance.now()
    const e = ri.events.at(-1)
    if (e?.type !== 'reinit') throw new Error(`expected a reinit, got ${e?.type}`)
    series.reinitEvent.push(e.durationMs)
    series.reinitEnd.push(t1 - t0)
  },
  floor() {
    series.freshFloor.push(fixtureFloor(snapshot))
    // and the same copy into pages already touched (a spare instance prepared ahead of time)
    const t1 = performance.now()
    warm.set(snapshot)
    series.warmFloor.push(performance.now() - t1)
  },
}
for (let r = 0; r < ROUNDS + 2; r++) {
  const order = r % 3 === 0 ? ['rollback', 'reinit', 'floor'] : r % 3 === 1 ? ['reinit', 'floor', 'rollback'] : ['floor', 'rollback', 'reinit']
  for (const k of order) {
    gc()
    variants[k]()
  }
  if (r < 2) for (const s of Object.values(series)) s.length = 0
}
// the same failing call, then the event loop turns before the next call (as between two events of an
// app): the runtime makes the next spare instance in idle time, off the call path (runtime spare.ts)
const idle = { fail: [], wait: [], next: [], end: [], spareMs: [], nextCheckpoints: [] }
// the runtime's own counters: time spent on spares and checkpoints, checkpoints taken
const counters = () => ({ spares: rs.sup.spares, ms: rs.sup.spareMs + rs.sup.checkpointMs, checkpoints: rs.sup.checkpoints })
for (let r = 0; r < ROUNDS + 2; r++) {
  gc()
  rs.m.add(1, 2)
  const t0 = performance.now()
  try { rs.m.panic_now('x') } catch {}
  const t1 = performance.now()
  if (rs.events.at(-1)?.type !== 'rollback') throw new Error('expected a rollback')
  const afterFail = counters()
  for (let i = 0; i < 100 && rs.sup.spares === afterFail.spares; i++) await new Promise((res) => setTimeout(res, 2))
  const beforeNext = counters()
  const t2 = performance.now()
  rs.m.add(2, 3)
  const t3 = performance.now()
  if (r < 2) continue
  idle.fail.push(t1 - t0)
  idle.wait.push(t2 - t1)
  idle.next.push(t3 - t2)
  idle.end.push(t1 - t0 + (t3 - t2))
  // the event loop's share: the spare, and the checkpoint the runtime took into it there
  idle.spareMs.push(beforeNext.ms - afterFail.ms)
  // checkpoints the next call took itself (none when the idle one holds)
  idle.nextCheckpoints.push(counters().checkpoints - beforeNext.checkpoints)
}
const spareMade = rs.sup.spares > 0

out.restore = {
  bytes: rs.bytes(),
  ...Object.fromEntries(Object.entries(series).map(([k, v]) => [k, summary(v)])),
  idle: { spareMade, ...Object.fromEntries(Object.entries(idle).map(([k, v]) => [k, summary(v)])) },
  eventOverFresh: summary(series.rollbackEvent.map((v, i) => v / series.freshFloor[i])),
  stats: rs.sup.stats(),
}

// ---- 3. photon, a 1024×1024 image held across the failing call ----
if (photonRollback) {
  const pr = await load(photonRollback)
  const pd = await load(photonReinit)
  const side = 1024
  const pixels = Uint8Array.from({ length: 4 * side * side }, (_, i) => (i * 37 + 11) & 255)
  const image = (p) => {
    const img = new p.m.PhotonImage(pixels, side, side)
    p.m.alter_red_channel(img, 40)
    p.m.gaussian_blur(img, 2)
    return img
  }
  const held = image(pr)
  const before = Buffer.from(held.get_raw_pixels())
  const s = { rollbackEvent: [], rollbackEnd: [], reinitEvent: [], reinitEnd: [], freshFloor: [] }
  const photonFloor = freshFloor(photonWasm)
  let photonSnapshot
  let restored = 0
  let reinitImg
  const v = {
    rollback() {
      held.get_width()
      const t0 = performance.now()
      try { pr.m.crop(held, 0, 0, side + 1, side + 1) } catch {}
      held.get_width()
      const t1 = performance.now()
      const e = pr.events.at(-1)
      if (e?.type !== 'rollback') throw new Error(`photon: expected a rollback, got ${e?.type} ${e?.reason ?? ''}`)
      s.rollbackEvent.push(e.durationMs)
      s.rollbackEnd.push(t1 - t0)
      restored = e.bytes
    },
    floor() {
      photonSnapshot ??= wasmBytes(restored || 16 * MiB)
      s.freshFloor.push(photonFloor(photonSnapshot))
    },
    reinit() {
      reinitImg = image(pd) // the image of the dead generation is stale: a new one each round, untimed
      const t0 = performance.now()
      try { pd.m.crop(reinitImg, 0, 0, side + 1, side + 1) } catch {}
      new pd.m.PhotonImage(pixels.subarray(0, 4), 1, 1).get_width()
      const t1 = performance.now()
      const e = pd.events.at(-1)
      if (e?.type !== 'reinit') throw new Error(`photon: expected a reinit, got ${e?.type}`)
      s.reinitEvent.push(e.durationMs)
      s.reinitEnd.push(t1 - t0)
    },
  }
  for (let r = 0; r < 22; r++) {
    for (const k of r % 3 === 0 ? ['rollback', 'reinit', 'floor'] : r % 3 === 1 ? ['reinit', 'floor', 'rollback'] : ['floor', 'rollback', 'reinit']) {
      gc()
      v[k]()
    }
    if (r < 2) for (const x of Object.values(s)) x.length = 0
  }
  out.photon = {
    bytes: restored,
    eventOverFresh: summary(s.rollbackEvent.map((x, i) => x / s.freshFloor[i])),
    identical: Buffer.compare(before, Buffer.from(held.get_raw_pixels())) === 0,
    ...Object.fromEntries(Object.entries(s).map(([k, x]) => [k, summary(x)])),
  }
}
console.log('RESULT:' + JSON.stringify(out))
