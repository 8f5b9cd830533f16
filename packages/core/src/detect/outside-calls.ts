import { extractAssignedNames } from '@rollup/pluginutils'
import { stringValue, walk, type Node } from './ast.js'

/**
 * Does the glue's body call, at its top level, a function of another of the package's modules
 * (html-rewriter-wasm's hand-edited glue: `setWasmExports(wasm)` from `./asyncify.js`)? Each run of the
 * body then rebinds that module to its own instance, so no generation may be made ahead of time: the
 * live one would lose it. The generator's own code never does this (its snippets are called from wasm).
 */
export function callsOtherModules(body: Node[]): boolean {
  const imported = new Set<string>()
  // (the nodejs target spells its requires ``require(String.raw`./x.js`)``)
  const spec = (n: Node | undefined) => n && stringValue(n.type === 'TaggedTemplateExpression' ? n.quasi : n)
  const relative = (n: Node | undefined) => spec(n)?.startsWith('.') === true
  for (const s of body) {
    if (s.type === 'ImportDeclaration' && relative(s.source)) for (const sp of s.specifiers) imported.add(sp.local.name)
    if (s.type !== 'VariableDeclaration') continue
    for (const d of s.declarations) {
      const init = d.init?.type === 'MemberExpression' ? d.init.object : d.init
      const isRequire = init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require' && relative(init.arguments[0])
      if (isRequire) for (const n of extractAssignedNames(d.id)) imported.add(n)
    }
  }
  if (!imported.size) return false
  let calls = false
  for (const s of body) {
    if (s.type !== 'ExpressionStatement') continue
    walk(s.expression, {
      CallExpression: (n) => {
        const c = n.callee.type === 'MemberExpression' ? n.callee.object : n.callee
        if (c.type === 'Identifier' && imported.has(c.name)) calls = true
      },
    })
  }
  return calls
}
