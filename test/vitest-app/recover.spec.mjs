// Runs under Vitest with the Vite adapter: CommonJS glue of a dependency (automerge's nodejs build) and of
// our fixture recovers, and so does tiktoken (its CommonJS loader requires its glue: the plugin turns that
// require into an import, so that the glue comes through Vite's transform instead of Node's require).
import { expect, test } from 'vitest'
import * as automerge from '@automerge/automerge-wasm'
import { get_encoding } from 'tiktoken'
import * as fixture from '../fixtures/wasm/abort/nodejs/wr_fixture.js'

const thrown = (f) => {
  try {
    f()
  } catch (e) {
    return e
  }
}

test('automerge (nodejs CJS): a typed abort, the next document works', () => {
  const doc = automerge.create()
  doc.put('_root', 'a', 1)
  expect(doc.materialize('_root')).toEqual({ a: 1 })
  doc.isolate(['00'.repeat(32)])
  doc.put('_root', 'broken', true)
  expect(thrown(() => doc.commit())).toMatchObject({ name: 'WasmAbortError', module: 'automerge_wasm', export: 'Automerge.commit' })
  const next = automerge.create()
  next.put('_root', 'b', 2)
  expect(next.materialize('_root')).toEqual({ b: 2 })
  expect(thrown(() => doc.materialize('_root'))).toMatchObject({ name: 'WasmStaleObjectError' })
})

test('our fixture (nodejs CJS): a typed abort, the next call works', () => {
  expect(fixture.add(1, 2)).toBe(3)
  expect(thrown(() => fixture.panic_now('x'))).toMatchObject({ name: 'WasmAbortError', export: 'panic_now' })
  expect(fixture.add(2, 2)).toBe(4)
})

test('tiktoken (its CommonJS loader over CommonJS glue): a typed abort, held objects stale, a fresh encoder works', () => {
  const enc = get_encoding('gpt2')
  expect(Array.from(enc.encode('hello world'))).toEqual([31373, 995])
  expect(thrown(() => enc.decode(new Uint32Array([999999999])))).toMatchObject({ name: 'WasmAbortError', module: 'tiktoken' })
  expect(thrown(() => enc.encode('hi'))).toMatchObject({ name: 'WasmStaleObjectError' })
  expect(Array.from(get_encoding('gpt2').encode('hello world'))).toEqual([31373, 995])
})
