// The same three outcomes through every bundler and format: a panic is a typed WasmAbortError, the next
// call works, an object of the aborted instance is stale. Browser-safe (no Node API): the page runs it too.
import { ready, recoveryStats } from '@wasm-recovery/runtime'

function outcome(fn) {
  try {
    return { ok: true, value: fn() }
  } catch (e) {
    return { ok: false, name: e?.name, message: String(e?.message ?? e), export: e?.export, panicMessage: e?.panicMessage, reason: e?.reason }
  }
}

/** `init`: web-target glue is initialised by the app (no argument: the .wasm the plugin emitted). */
export default async function run(m, init) {
  const r = {}
  // before any await: bundler-target exports work at once with top-level await, and under Node
  // (synchronous load) without it; in a browser without it they may throw 'recovering'
  r.immediate = init ? { ok: true, value: 'init' } : outcome(() => m.add(1, 2))
  if (init) await m.default()
  await ready('wr_fixture')
  r.add = outcome(() => m.add(1, 2))
  const held = new m.Counter(5)
  r.increment = outcome(() => held.increment())
  // a panic while `held` is borrowed: typed, and `held` belongs to the aborted instance from now on
  r.panicInMut = outcome(() => held.panic_in_mut())
  r.afterPanic = outcome(() => m.add(2, 3))
  r.stale = outcome(() => held.increment())
  r.fresh = outcome(() => new m.Counter(1).increment())
  r.panic = outcome(() => m.panic_now('boom'))
  r.afterSecond = outcome(() => m.add(20, 22))
  const s = recoveryStats('wr_fixture')
  r.stats = { generation: s.generation, aborts: s.aborts, state: s.state }
  return r
}

/** Where the result goes: stdout for the Node child, a global and the console for the page. */
export function report(r) {
  globalThis.__wrResult = r
  console.log('RESULT:' + JSON.stringify(r))
}
