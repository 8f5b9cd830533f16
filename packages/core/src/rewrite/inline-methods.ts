// Method guards written into the glue's classes at build time. Patching them onto each generation's
// prototypes at run time made every recovery wrap every method again (one closure per method, an
// accessor redefined), and every call pass through a second function. Here each method's own body is
// wrapped where it stands: the glue's `return x` becomes `return __wbr_su.done(__wbr_g, x)`, inside the
// guard's try. `__wbr_g` (the generation whose glue body made the class) and `__wbr_su` (its
// supervisor) are in the enclosing scope: the factory's, or the class's maker's (split.ts).
import type { MagicString } from 'magic-string'
import { isInstanceMethod, isNestedCode, walkUnless, type Node } from '../detect/ast.js'
import type { Glue, GlueExport } from '../detect/glue.js'
import { printTemplate } from './print.js'
import { inlineMethod } from './templates.js'

/** A class whose own methods and accessors all get their guards inline. */
export interface InlineClass {
  exp: GlueExport
  /** Its own instance methods and accessors (MethodDefinition nodes). */
  methods: Node[]
  /** `kind + key` of each own method or accessor (the rest of `exp.methods` is inherited). */
  own: Set<string>
}

/** The class an export names, declared at the glue's top level (`class X`, `var X = class …`). */
function topLevelClass(glue: Glue, local: string): Node | undefined {
  const found: Node[] = []
  for (const st of glue.parsed.program.body) {
    const d = st.type === 'ExportNamedDeclaration' || st.type === 'ExportDefaultDeclaration' ? st.declaration : st
    if (d?.type === 'ClassDeclaration' && d.id?.name === local) found.push(d)
    if (d?.type === 'VariableDeclaration')
      for (const v of d.declarations) if (v.id.type === 'Identifier' && v.id.name === local && v.init?.type === 'ClassExpression') found.push(v.init)
  }
  return found.length === 1 ? found[0] : undefined
}

/** An instance method or accessor whose body can be wrapped where it stands. */
function inlinable(m: Node): boolean {
  const f = m.value
  return !m.computed && m.key.type === 'Identifier' && !f.async && !f.generator && f.body?.type === 'BlockStatement' && f.params.every((p: Node) => p.type === 'Identifier')
}

/**
 * The exported classes whose guards go inline: all or nothing per class (a computed or private key, a
 * destructured parameter leaves the whole class to the run-time patch), one class per export.
 */
export function planInline(glue: Glue): InlineClass[] {
  const out: InlineClass[] = []
  for (const e of glue.exports) {
    if (e.kind !== 'class' || glue.exports.filter((x) => x.local === e.local).length !== 1) continue
    const cls = topLevelClass(glue, e.local)
    const methods: Node[] = cls?.body.body.filter(isInstanceMethod) ?? []
    if (!cls || !methods.every(inlinable)) continue
    out.push({ exp: e, methods, own: new Set(methods.map((m) => m.kind + m.key.name)) })
  }
  return out
}

/** Writes the guards into one class's methods. */
export function inlineClass(s: MagicString, c: InlineClass): void {
  for (const m of c.methods) {
    const key: string = m.key.name
    const f = m.value
    const printed = printTemplate(inlineMethod, { name: '', key, label: `${c.exp.name}.${key}`, params: f.params.map((p: Node) => p.name), flags: { FREE: key === 'free' } })
    wrapBody(s, f.body, printed, '__wbr_su.done', true)
  }
}

/**
 * Puts a printed guard template (`inlineMethod`, `foldedFacade`) around a glue function's own body, in
 * place: the template's text before its BODY() placeholder opens the body, the text after it closes it,
 * and each of the body's own `return x` becomes `return <ok>(__wbr_g, x)`.
 */
export function wrapBody(s: MagicString, body: Node, printed: string, ok: string, primitiveAsIs = false): void {
  const open = printed.indexOf('{') + 1
  const at = printed.indexOf('BODY();')
  s.appendLeft(body.start + 1, flat(printed.slice(open, at)) + ' ')
  for (const r of returns(body)) {
    const a = r.argument
    // `done` returns a primitive as it is: a value that can only be one (`ret >>> 0`, `ret !== 0`) needs no call
    if (primitiveAsIs && (!a || primitive(a))) continue
    if (!a) s.appendLeft(r.start + 'return'.length, ` ${ok}(__wbr_g, void 0)`)
    else {
      // a space first: minified glue writes `return"x"`, `return!0`
      s.prependRight(a.start, a.type === 'SequenceExpression' ? ` ${ok}(__wbr_g, (` : ` ${ok}(__wbr_g, `)
      s.appendLeft(a.end, a.type === 'SequenceExpression' ? '))' : ')')
    }
  }
  // after the last return's `)` where the body ends right there, and `;` first: a minified body's
  // last statement has none
  s.appendLeft(body.end - 1, '; ' + flat(printed.slice(at + 'BODY();'.length, printed.lastIndexOf('}'))) + ' ')
}

/** Our template's text on one line: the glue's lines keep their numbers in stack traces. */
const flat = (t: string) => t.replace(/\s*\n\s*/g, ' ').trim()

/** An expression whose value is a primitive whatever its operands: every unary and binary operator's, a literal's but a regex's. */
function primitive(a: Node): boolean {
  if (a.type === 'Literal') return !a.regex
  return a.type === 'TemplateLiteral' || a.type === 'UnaryExpression' || a.type === 'BinaryExpression'
}

/** The method's own `return` statements (not those of functions inside it). */
function returns(body: Node): Node[] {
  const out: Node[] = []
  walkUnless(body, isNestedCode, { ReturnStatement: (n) => void out.push(n) })
  return out
}
