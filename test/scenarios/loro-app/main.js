// loro-crdt's base64 build (its wasm inlined, instantiated by the package in the same file): a value nested
// 200,000 deep runs the shadow stack into the heap while loro converts it. Results go to window.__result.
import { LoroDoc } from 'loro-crdt/base64'

const out = (f) => {
  try {
    return { ok: true, value: f() }
  } catch (e) {
    return { ok: false, name: e?.name, export: e?.export, module: e?.module }
  }
}

function run() {
  const doc = new LoroDoc()
  const held = doc.getMap('m')
  held.set('a', 1)
  let v = 1
  for (let i = 0; i < 200000; i++) v = [v]
  const r = {}
  r.before = out(() => JSON.stringify(held.toJSON()))
  r.trigger = out(() => held.set('deep', v))
  r.fresh = out(() => {
    const d = new LoroDoc()
    d.getMap('x').set('k', 'v')
    return JSON.stringify(d.toJSON())
  })
  r.stale = out(() => held.set('b', 2))
  return r
}
try {
  window.__result = run()
} catch (e) {
  window.__result = { error: String(e?.stack ?? e) }
}
