import { existsSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { stringValue, walk, type Node, type Parsed } from './ast.js'
import { fileOfId } from './id.js'
import { readWasm, readWasmFile } from './wasm.js'

/** A wasm made by wasm-bindgen that a module loads in a way the plugin did not recognise. */
export interface Unprotected {
  /** The .wasm file, or `inline` for a base64 literal. */
  wasm: string
  bindgenVersion: string
}

const WASM_NAME = /\.wasm(\?.*)?$/

/**
 * Silence is a defect: a module that is neither glue nor a loader we handle, but names a `.wasm` made by
 * wasm-bindgen (an import, `new URL('x.wasm', …)`, a path string) or inlines one as base64 (`AGFzbQ…`),
 * and instantiates it itself, e.g. a hand-written bridge calling `WebAssembly.instantiate(bytes, { wbg })`, is reported.
 */
export function unprotectedWasm(id: string, parsed: Parsed, code: string): Unprotected | undefined {
  if (!code.includes('.wasm') && !code.includes('AGFzbQ')) return undefined
  // only a module that instantiates it itself: an app handing bytes or a URL to a package's init() does not
  if (!/WebAssembly\s*\.\s*(instantiate|instantiateStreaming|Instance)\b/.test(code)) return undefined
  const dir = dirname(fileOfId(id))
  let found: Unprotected | undefined
  const check = (n: Node) => {
    const v = stringValue(n)
    if (found || !v) return
    if (v.startsWith('AGFzbQ') && v.length > 64) {
      const info = readWasm(Buffer.from(v, 'base64'))
      if (info?.bindgenVersion) found = { wasm: 'inline', bindgenVersion: info.bindgenVersion }
    } else if (WASM_NAME.test(v) && !v.includes('\n') && v.length < 500) {
      const file = resolve(dir, v.replace(/\?.*$/, ''))
      const info = existsSync(file) ? readWasmFile(file) : undefined
      if (info?.bindgenVersion) found = { wasm: basename(file), bindgenVersion: info.bindgenVersion }
    }
  }
  walk(parsed.program, { Literal: check, TemplateLiteral: check })
  return found
}
