import { walk, type Node } from './ast.js'
import { readWasm, type WasmInfo } from './wasm.js'

/** A base64 data URL's prefix (Vite's library mode inlines the glue's `new URL('x_bg.wasm', …)` so). */
const DATA_URL = /^data:[\w/+.-]*;base64,(?=AGFzbQ)/

/** A wasm inlined as base64 (`AGFzbQ…`, what survives minification; or a data URL of it): read for its exports and CLI version. */
export function inlineWasm(program: Node): WasmInfo | undefined {
  let found: WasmInfo | undefined
  walk(program, {
    Literal: (n) => {
      if (found || typeof n.value !== 'string' || n.value.length < 64) return
      const b64 = n.value.replace(DATA_URL, '')
      if (!b64.startsWith('AGFzbQ')) return
      const info = readWasm(Buffer.from(b64, 'base64'))
      if (info?.bindgenVersion) found = info
    },
  })
  return found
}
