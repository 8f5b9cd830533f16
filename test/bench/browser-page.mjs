// Runs in Chromium: per-call overhead of the fixture's web glue, raw vs rewritten vs a Proxy wrapper,
// and the recovery latency there. Bundled twice by browser.mjs (with and without the plugin).
import initWrapped, * as wrapped from 'wrapped-glue'
import initRaw, * as raw from 'raw-glue'
import * as guard from 'guard-glue'
import { onRecovery } from '@wasm-recovery/runtime'
import { compare, proxied, summary, withGuardedInstances } from './measure.mjs'

console.error = () => {}
await initRaw({ module_or_path: '/raw.wasm' })
await initWrapped()
// the floor, as in Node (measure.mjs guardOnly): a third copy of the raw glue over exports that each sit
// behind the least a recovery guard does (initSync instantiates synchronously)
const rawModule = await WebAssembly.compile(await (await fetch('/raw.wasm')).arrayBuffer())
withGuardedInstances(() => guard.initSync({ module: rawModule }))
const proxy = proxied(raw)
const cRaw = new raw.Counter(1)
const cWrapped = new wrapped.Counter(1)
const cGuard = new guard.Counter(1)
const cProxy = proxied(cRaw)
const results = {
  'trivial: fixture add(a, b)': compare(
    { raw: (i) => raw.add(i, 1), wrapped: (i) => wrapped.add(i, 1), proxy: (i) => proxy.add(i, 1), guardOnly: (i) => guard.add(i, 1) },
    { base: 'raw', calls: 1_000_000 },
  ),
  'trivial: fixture counter.value (getter)': compare(
    { raw: () => cRaw.value, wrapped: () => cWrapped.value, proxy: () => cProxy.value, guardOnly: () => cGuard.value },
    { base: 'raw', calls: 1_000_000 },
  ),
  'trivial: fixture counter.increment() (method on an object)': compare(
    { raw: () => cRaw.increment(), wrapped: () => cWrapped.increment(), proxy: () => cProxy.increment(), guardOnly: () => cGuard.increment() },
    { base: 'raw', calls: 1_000_000 },
  ),
}
const reinits = []
onRecovery((e) => e.type === 'reinit' && reinits.push(e.durationMs))
for (let i = 0; i < 100; i++) {
  try { wrapped.panic_now('x') } catch {}
  wrapped.add(1, 2)
}
window.__result = { percall: results, reinit: summary(reinits) }
