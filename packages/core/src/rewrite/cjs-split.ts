// CommonJS glue (the nodejs target) for split.ts: an export is a declaration plus `exports.add = add;`.
import { cjsExportName, isExportsObject, isReference, memberKey, walk, type Node } from '../detect/ast.js'

/** The top-level `exports.X = X;` / `module.exports.X = X;` statements, by X (one statement each). */
export function cjsExportStatements(body: Node[]): Map<string, Node> {
  const out = new Map<string, Node>()
  const twice = new Set<string>()
  for (const st of body) {
    if (st.type !== 'ExpressionStatement') continue
    const e = st.expression
    const name = cjsExportName(e)
    if (name === undefined || e.right.type !== 'Identifier' || e.right.name !== name) continue
    if (out.has(name)) twice.add(name)
    out.set(name, st)
  }
  for (const n of twice) out.delete(n)
  // read back as `exports.X` elsewhere: the glue needs it on its own module.exports
  for (const st of body) walk(st, {
    MemberExpression: (m, parent, key) => {
      if (parent?.type === 'AssignmentExpression' && key === 'left') return
      const x = memberKey(m)
      if (x !== undefined && isExportsObject(m.object)) out.delete(x)
    },
  })
  return out
}

/** Does the declaration read `module` or `exports` (the factory's own, not those of the module it moves to)? */
export function usesModuleScope(decl: Node): boolean {
  let found = false
  walk(decl, { Identifier: (n, parent, key) => void ((n.name === 'module' || n.name === 'exports') && isReference(parent, key) && (found = true)) })
  return found
}
