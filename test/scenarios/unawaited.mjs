// Issue 11 item 6: Promises of a generation that dies, which nobody awaits or catches. Without the plugin
// the process survives the panic (those Promises just never settle); with it, it must too: no unhandled
// rejection of our making (lib.mjs records them: without its handler, one would end the process).
import { outcome, uncaught } from './lib.mjs'

export default async function run(m) {
  const r = {}
  m.async_ok(1) // pending when the instance dies below; nobody awaits it
  m.async_ok(2).then(() => {}) // a handler for success only
  const awaited = m.async_ok(3) // the one the app waits for
  const chained = m.async_ok(5).then((v) => v + 1) // waited for at the end of a success-only chain
  r.panic = outcome(() => m.panic_now('x')).name
  r.awaited = await awaited.then((v) => ({ ok: true, value: v }), (e) => ({ ok: false, name: e?.name }))
  const settled = (q) => Promise.race([q.then((v) => ({ ok: true, value: v }), (e) => ({ ok: false, name: e?.name })), new Promise((res) => setTimeout(() => res('never settled'), 2000))])
  r.chained = await settled(chained)
  r.next = outcome(() => m.add(1, 2))
  // a trap inside a microtask, outside any call, of a Promise nobody awaits
  m.async_panic('later')
  m.async_ok(4).then(() => {})
  await new Promise((res) => setTimeout(res, 50))
  r.after = outcome(() => m.add(2, 2))
  r.unhandled = uncaught.map((s) => s.split('\n')[0])
  return r
}
