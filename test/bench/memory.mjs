// Memory after 10,000 abort → reinit cycles: the old generations must be collectable.
import { createRequire } from 'node:module'
const require = createRequire(import.meta.url)

// panic hooks print to console.error on every abort: keep the measurement's output readable
console.error = () => {}
const f = require(process.argv[2])
const cycles = Number(process.argv[3] ?? 10_000)

async function settle() {
  for (let i = 0; i < 4; i++) {
    globalThis.gc()
    await new Promise((r) => setTimeout(r, 20))
  }
  const m = process.memoryUsage()
  return { rss: m.rss, heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers, external: m.external }
}

const cycle = () => {
  try { f.panic_now('x') } catch {}
  return f.add(1, 2)
}
for (let i = 0; i < 200; i++) cycle()
const before = await settle()
let ms = 0
// the first half also pays for one-off growth (JIT code, allocator pools); a leak grows the second too
async function run(n) {
  const t = performance.now()
  for (let i = 0; i < n; i++) {
    cycle()
    if (i % 1000 === 999) await new Promise((r) => setImmediate(r))
  }
  ms += performance.now() - t
  return settle()
}
const mid = await run(cycles / 2)
const after = await run(cycles / 2)
console.log('RESULT:' + JSON.stringify({ cycles, before, mid, after, ms }))
