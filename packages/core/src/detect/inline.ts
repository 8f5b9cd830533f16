import { stringValue, walk, type Node } from './ast.js'
import { readWasm, type WasmInfo } from './wasm.js'

/** A base64 data URL's prefix (Vite's library mode inlines the glue's `new URL('x_bg.wasm', …)` so). */
const DATA_URL = /^data:[\w/+.-]*;base64,(?=AGFzbQ)/

/** A wasm inlined as base64 (`AGFzbQ…`, what survives minification; or a data URL of it): read for its exports and CLI version. */
export function inlineWasm(program: Node): WasmInfo | undefined {
  let found: WasmInfo | undefined
  const read = (n: Node, parent?: Node) => {
    const v = found || (n.type === 'TemplateLiteral' && n.expressions.length) ? undefined : stringValue(n)
    if (v === undefined || v.length < 64) return
    const b64 = v.replace(DATA_URL, '')
    if (!b64.startsWith('AGFzbQ')) return
    const info = readWasm(Buffer.from(b64, 'base64'))
    // (a tagged template's text is not an expression of its own: no range to stand in for)
    if (info?.bindgenVersion) found = parent?.type === 'TaggedTemplateExpression' ? info : { ...info, literal: { start: n.start, end: n.end, prefix: v.slice(0, v.length - b64.length) } }
  }
  // (a minifier may write it as a template literal: rolldown's)
  walk(program, { Literal: read, TemplateLiteral: read })
  return found
}
