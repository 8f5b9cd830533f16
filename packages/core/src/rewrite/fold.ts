// Folded facades. An exported function that split.ts moved out of the factory, and that no other code of
// the glue calls, took two functions per call: its facade (find the live generation, guard the call) and
// the glue's own function, made per generation by its maker and reached through the namespace (a
// property load and a call of a closure of that generation). Its body now stands in the facade itself
// (templates.ts `foldedFacade`), which binds the live generation's namespace and raw exports as locals
// under the names the moved body reads (`__wbr_s`, `__wbr_g`): no maker, no namespace slot, one function.
import type { MagicString } from 'magic-string'
import { walk, type Node } from '../detect/ast.js'
import { onlyExported } from './direct-calls.js'
import { wrapBody } from './inline-methods.js'
import { printTemplate } from './print.js'
import type { Part, SplitPlan } from './split.js'
import { foldedFacade } from './templates.js'

/** The folded facade's local in the output (the export's own name is the registration's). */
export const FOLDED = (local: string) => `__wbr_f_${local}`

/** Marks the function parts whose bodies fold into their facades (not under rollback: see factory.ts). */
export function planFold(plan: SplitPlan | null, body: Node[]): void {
  for (const p of plan?.parts ?? []) {
    const d = p.decl
    if (p.exp.kind !== 'function' || d.type !== 'FunctionDeclaration' || d.async || d.generator || d.body?.type !== 'BlockStatement') continue
    if (!d.params.every((x: Node) => x.type === 'Identifier')) continue
    // another caller would read the namespace slot its maker filled, and no maker fills it now
    if (!onlyExported(body, plan!.top, p.exp.local, d)) continue
    // the facade's own `this` and `arguments` are not those the glue's function had
    let own = false
    walk(d.body, {
      ThisExpression: () => void (own = true),
      MetaProperty: () => void (own = true),
      Identifier: (n) => void (n.name === 'arguments' && (own = true)),
    })
    p.folded = !own
  }
}

/**
 * The part's declaration becomes its facade where it stands (moveParts then moves it after the factory):
 * `const __wbr_f_add = function add(a, b) { <guard> <the glue's body> <guard> };`. Run after every
 * overwrite inside it (an overwritten range loses what was inserted at its ends).
 */
export function foldPart(s: MagicString, p: Part): void {
  const d = p.decl
  const printed = printTemplate(foldedFacade, { name: '', key: p.exp.name, params: d.params.map((x: Node) => x.name) })
  s.prependRight(d.start, `const ${FOLDED(p.exp.local)} = `)
  wrapBody(s, d.body, printed, '__wbr.ok')
  s.appendLeft(d.end, ';\n')
}
