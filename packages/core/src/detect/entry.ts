// The bundler target's entry (`x.js`): it imports the .wasm and hands it to its `_bg.js` glue.
import { dirname, resolve } from 'node:path'
import { isMember, type Node, type Parsed } from './ast.js'
import type { Entry } from './glue.js'
import { fileOfId } from './id.js'

export function detectEntry(id: string, parsed: Parsed, wasmImport: Node): Entry | undefined {
  const body: Node[] = parsed.program.body
  const bg = body.find(
    (s) => (s.type === 'ExportAllDeclaration' || s.type === 'ExportNamedDeclaration' || s.type === 'ImportDeclaration') && s.source && /\.(c|m)?js$/.test(s.source.value),
  )
  if (!bg) return undefined
  const wasmName = wasmImport.specifiers.find((sp: Node) => sp.type === 'ImportNamespaceSpecifier')?.local.name
  const setter = body.find(
    (s) => s.type === 'ImportDeclaration' && s.specifiers.some((sp: Node) => sp.imported?.name === '__wbg_set_wasm'),
  )
  // the statements that hand the wasm over: `__wbg_set_wasm(wasm)`, `wasm.__wbindgen_start()`
  const remove = [wasmImport, ...(setter ? [setter] : [])]
  for (const s of body) {
    if (s.type !== 'ExpressionStatement') continue
    // minified: `t(e),e.__wbindgen_start()`, one statement
    const calls: Node[] = s.expression.type === 'SequenceExpression' ? s.expression.expressions : [s.expression]
    const usesWasm = (e: Node) => e.type === 'CallExpression' && wasmName && (isMember(e.callee, wasmName) || e.arguments.some((a: Node) => a.type === 'Identifier' && a.name === wasmName))
    if (!calls.every(usesWasm)) return undefined
    remove.push(s)
  }
  return { kind: 'entry', parsed, remove, bgFile: resolve(dirname(fileOfId(id)), bg.source.value) }
}

