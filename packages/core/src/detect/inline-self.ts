// Bundler glue re-bundled with its .wasm inlined as base64 and instantiated by the package's own code in
// the same file (@rollup/plugin-wasm's `sync` inline output, loro-crdt/base64):
//   function x_bg(imports) { return _loadWasmModule(1, null, 'AGFzbQ…', imports) }
//   const instance = x_bg({ './x_bg.js': imports }); __wbg_set_wasm(instance.exports)
// The body instantiates itself: inside the factory its `WebAssembly` is the generation's (the cached
// Module, guarded instances), so that code stays as the package wrote it and runs once per generation.
import { isNestedCode, walkUnless, type Node } from './ast.js'
import { inlineWasm } from './inline.js'
import type { WasmInfo } from './wasm.js'

/** The inlined wasm when `body` is that shape: it calls its setter itself, synchronously, at top level. */
export function inlineSelfInstantiating(program: Node, declared: Map<string, Node>): WasmInfo | undefined {
  const body: Node[] = program.body
  // minified, the glue's names survive as export names only (`export { s as __wbg_set_wasm }`)
  const local = localNames(body)
  const setter = local.get('__wbg_set_wasm') ?? '__wbg_set_wasm'
  if (declared.get(setter)?.type !== 'FunctionDeclaration') return undefined
  if (!body.some((s) => setterCall(s, setter))) return undefined
  // an instance awaited at top level cannot run inside the synchronous factory
  if (body.some((s) => awaitsAtTopLevel(s))) return undefined
  const wasm = inlineWasm(program)
  if (!wasm) return undefined
  // the imports of its `./x_bg.js` module are this file's own functions (the glue's, re-bundled here)
  const own = wasm.imports.filter((i) => /_bg(\.js)?$/.test(i.module))
  if (!own.length || own.some((i) => !declared.has(local.get(i.name) ?? i.name))) return undefined
  return wasm
}

/** Exported name → local name, for the module's own `export { a as b }` lists. */
function localNames(body: Node[]): Map<string, string> {
  const out = new Map<string, string>()
  for (const s of body)
    if (s.type === 'ExportNamedDeclaration' && !s.source)
      for (const sp of s.specifiers ?? []) if (sp.local.type === 'Identifier') out.set(sp.exported.name ?? sp.exported.value, sp.local.name)
  return out
}

/** `__wbg_set_wasm(x)` (under its local name) as a statement of the module's own top level (a minifier joins statements with commas). */
function setterCall(s: Node, name: string): boolean {
  const e = s.type === 'ExpressionStatement' ? s.expression : undefined
  const calls: Node[] = e?.type === 'SequenceExpression' ? e.expressions : e ? [e] : []
  return calls.some((c) => c.type === 'CallExpression' && c.callee.type === 'Identifier' && c.callee.name === name && c.arguments.length === 1)
}

function awaitsAtTopLevel(s: Node): boolean {
  let found = false
  walkUnless(s, isNestedCode, { AwaitExpression: () => void (found = true), ForOfStatement: (n) => void (n.await && (found = true)) })
  return found
}
