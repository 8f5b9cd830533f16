import { attachScopes, extractAssignedNames, type AttachedScope } from '@rollup/pluginutils'
import { isReference, type Node, type Parsed } from './ast.js'

/**
 * Scope analysis of a parsed module (Rollup's own `attachScopes`), made once per detection: which
 * identifiers really refer to a top-level binding. A loader's `path` or `bytes` may share its name with a
 * method parameter elsewhere; only references that resolve to the binding itself count.
 */
export class Scopes {
  private byName: Map<string, Node[]> | undefined

  /**
   * `top`: the function whose scope holds the glue's names when it is not the module's (a script's IIFE).
   * `imports`: import bindings count as top-level bindings too (Rollup's scopes leave them out).
   */
  constructor(
    private readonly parsed: Parsed,
    private readonly topNode?: Node,
    private readonly imports = false,
  ) {}

  /** Every identifier, by name, that resolves to a top-level binding (declarations included). */
  private get top(): Map<string, Node[]> {
    if (this.byName) return this.byName
    const program = this.parsed.program
    const moduleScope = attachScopes(program as any, '__wr_scope')
    const root = this.topNode ? ((this.topNode as any).__wr_scope as AttachedScope) : moduleScope
    if (this.imports)
      for (const st of program.body) if (st.type === 'ImportDeclaration') for (const sp of st.specifiers) moduleScope.declarations[sp.local.name] = true
    const out = new Map<string, Node[]>()
    const visit = (node: Node, scope: AttachedScope, parent: Node | undefined, key: string | undefined) => {
      const own = (node as any).__wr_scope as AttachedScope | undefined
      if (own) scope = own
      if (node.type === 'Identifier' && isReference(parent, key)) {
        let s: AttachedScope | undefined = scope
        while (s && !s.declarations[node.name]) s = s.parent
        if (s === root || (!s && !this.topNode && root.declarations[node.name])) (out.get(node.name) ?? out.set(node.name, []).get(node.name)!).push(node)
      }
      for (const k in node) {
        if (k === '__wr_scope') continue
        const v = node[k]
        if (v === null || typeof v !== 'object') continue
        if (Array.isArray(v)) for (const c of v) c && typeof c.type === 'string' && visit(c, scope, node, k)
        else if (typeof v.type === 'string') visit(v, scope, node, k)
      }
    }
    visit(program, root, undefined, undefined)
    return (this.byName = out)
  }

  /** Every identifier, by name, that resolves to a top-level binding (declarations included). */
  all(): ReadonlyMap<string, readonly Node[]> {
    return this.top
  }

  /** Every identifier that reads or writes the bindings `declarator` (a declarator, function, class, import) declares. */
  references(declarator: Node): Node[] {
    return namesOf(declarator).flatMap((n) => this.top.get(n) ?? [])
  }
}

function namesOf(d: Node): string[] {
  if (d.type === 'VariableDeclarator') return extractAssignedNames(d.id)
  if (d.type.startsWith('Import')) return d.local ? [d.local.name] : []
  return d.id?.name ? [d.id.name] : []
}
