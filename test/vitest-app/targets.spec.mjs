// Our fixture's bundler target (its entry imports the .wasm) and web target (the app hands the bytes to
// init) under Vitest: a typed abort, stale held objects, the next call works.
import { readFileSync } from 'node:fs'
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
  ['bundler', bundler, async () => {}],
  ['web', web, () => initWeb({ module_or_path: readFileSync(new URL('../fixtures/wasm/abort/web/wr_fixture_bg.wasm', import.meta.url)) })],
]) {
  test(`our fixture (${target} target): a typed abort, held objects stale, the next call works`, async () => {
    await ready()
    const c = new m.Counter(5)
    expect(m.add(1, 2)).toBe(3)
    expect(thrown(() => m.panic_now('x'))).toMatchObject({ name: 'WasmAbortError', export: 'panic_now' })
    expect(thrown(() => c.value)).toMatchObject({ name: 'WasmStaleObjectError' })
    expect(new m.Counter(7).value).toBe(7)
    expect(m.add(2, 2)).toBe(4)
  })
}
