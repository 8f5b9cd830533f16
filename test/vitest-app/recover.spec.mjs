// Runs under Vitest with the Vite adapter: CommonJS glue of a dependency (automerge's nodejs build) and of
// our fixture recovers; tiktoken (its CommonJS loader requires its glue, which Vitest leaves to Node) is
// reported as unprotected and works as without the plugin.
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

test('tiktoken (its CommonJS loader): unchanged by the plugin under Vitest', () => {
  const enc = get_encoding('gpt2')
  expect(Array.from(enc.encode('hello world'))).toEqual([31373, 995])
  expect(thrown(() => enc.decode(new Uint32Array([999999999])))).toMatchObject({ name: 'RuntimeError' })
})
