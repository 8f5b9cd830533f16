// Runs in Chromium under Vitest's browser mode: our fixture's web target (init() fetches its .wasm from
// the dev server) and bundler target (its entry imports the .wasm) recover, and `instanceof` of the
// runtime's error classes holds in the page.
import { WasmAbortError, WasmStaleObjectError } from '@wasm-recovery/runtime'
import { expect, test } from 'vitest'
import * as bundler from '../fixtures/wasm/abort/bundler/wr_fixture.js'
import initWeb, * as web from '../fixtures/wasm/abort/web/wr_fixture.js'

const thrown = (f) => {
  try {
    f()
  } catch (e) {
    return e
  }
}

for (const [target, m, ready] of [
  ['web', web, () => initWeb()],
  ['bundler', bundler, async () => {}],
]) {
  test(`our fixture (${target} target) in Chromium: a typed abort, held objects stale, the next call works`, async () => {
    await ready()
    const c = new m.Counter(5)
    expect(m.add(1, 2)).toBe(3)
    const abort = thrown(() => m.panic_now('x'))
    expect(abort).toMatchObject({ name: 'WasmAbortError', export: 'panic_now' })
    expect(abort instanceof WasmAbortError).toBe(true)
    const stale = thrown(() => c.value)
    expect(stale instanceof WasmStaleObjectError).toBe(true)
    expect(new m.Counter(7).value).toBe(7)
    expect(m.add(2, 2)).toBe(4)
  })
}
