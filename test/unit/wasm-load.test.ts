// Fetching an emitted .wasm (runtime load.ts): the error a user sees is the real one.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { assetWasm } from '@wasm-recovery/runtime/internal'
import { describe, expect, it } from 'vitest'
import { FIXTURES } from '../helpers/bundle.js'

const wasm = readFileSync(join(FIXTURES, 'abort', 'web', 'wr_fixture_bg.wasm'))
const dataUrl = (type: string, bytes: Uint8Array) => `data:${type};base64,${Buffer.from(bytes).toString('base64')}`

describe('assetWasm over fetch', () => {
  it('compiles a served .wasm, and falls back to its bytes when the MIME type is wrong', async () => {
    expect(WebAssembly.Module.exports(await assetWasm(dataUrl('application/wasm', wasm)).load()).length).toBeGreaterThan(5)
    expect(WebAssembly.Module.exports(await assetWasm(dataUrl('text/plain', wasm)).load()).length).toBeGreaterThan(5)
  })

  it('a body that is not wasm gives the CompileError, not "body stream already read"', async () => {
    const err = await assetWasm(dataUrl('application/wasm', new TextEncoder().encode('export default 1'))).load().catch((e) => e)
    expect(err).toBeInstanceOf(WebAssembly.CompileError)
  })
})
