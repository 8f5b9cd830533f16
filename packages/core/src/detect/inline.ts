import { walk, type Node } from './ast.js'
import { readWasm, type WasmInfo } from './wasm.js'

/** A wasm inlined as base64 (`AGFzbQ…`, what survives minification): read for its exports and CLI version. */
export function inlineWasm(program: Node): WasmInfo | undefined {
  let found: WasmInfo | undefined
  walk(program, {
    Literal: (n) => {
      if (found || typeof n.value !== 'string' || n.value.length < 64 || !n.value.startsWith('AGFzbQ')) return
      const info = readWasm(Buffer.from(n.value, 'base64'))
      if (info?.bindgenVersion) found = info
    },
  })
  return found
}
