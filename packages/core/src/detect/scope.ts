import { analyze, type ScopeManager } from 'eslint-scope'
import type { Node, Parsed } from './ast.js'

/**
 * Scope analysis of a parsed module, made once per detection: which identifiers really refer to a
 * top-level binding. A loader's `path` or `bytes` may share its name with a method parameter elsewhere;
 * only references that resolve to the binding itself count.
 */
export class Scopes {
  private manager: ScopeManager | undefined

  constructor(private readonly parsed: Parsed) {}

  private get scopes(): ScopeManager {
    const program = this.parsed.program as any
    // unknown node types (oxc's extras) are walked by their keys rather than rejected
    return (this.manager ??= analyze(program, {
      ecmaVersion: 2022,
      sourceType: program.sourceType === 'module' ? 'module' : 'script',
      fallback: 'iteration',
    }))
  }

  /** Every identifier that reads or writes the bindings `declarator` (a declarator, function, class, import) declares. */
  references(declarator: Node): Node[] {
    const out: Node[] = []
    for (const v of this.scopes.getDeclaredVariables(declarator as any))
      for (const r of v.references) out.push(r.identifier as unknown as Node)
    return out
  }
}
