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
const t = performance.now()
for (let i = 0; i < cycles; i++) {
  cycle()
  if (i % 1000 === 999) await new Promise((r) => setImmediate(r))
}
const ms = performance.now() - t
const after = await settle()
console.log('RESULT:' + JSON.stringify({ cycles, before, after, ms }))
