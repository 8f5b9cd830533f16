import { cjsExportName, isInstanceMethod, isMember, propertyKey, simpleArity, type Node, type Parsed } from './ast.js'
import type { GlueExport } from './glue.js'

/**
 * What a glue module exports, and the facade kind of each (from the declaration it names). `cjsNamespace`:
 * the exports of esbuild's CommonJS form (see esbuildCjsExports), which then stand for all of them.
 */
export function collectExports(parsed: Parsed, declared: Map<string, Node>, cjsNamespace?: { name: string; local: string }[]): GlueExport[] {
  const out: GlueExport[] = []
  const describe = (name: string, local: string, node: Node | undefined) => describeExport(name, local, node, declared)
  for (const e of cjsNamespace ?? []) out.push(describe(e.name, e.local, declared.get(e.local)))
  for (const s of parsed.program.body as Node[]) {
    if (s.type === 'ExportNamedDeclaration' && !s.source) {
      const d = s.declaration
      if (d?.id) out.push(describe(d.id.name, d.id.name, d))
      else if (d?.type === 'VariableDeclaration')
        for (const v of d.declarations) out.push(describe(v.id.name, v.id.name, v))
      for (const sp of s.specifiers ?? []) {
        const local = sp.local.name
        out.push(describe(sp.exported.name ?? sp.exported.value, local, declared.get(local)))
      }
    } else if (s.type === 'ExportDefaultDeclaration') {
      const d = s.declaration
      const local = d.id?.name ?? (d.type === 'Identifier' ? d.name : '__wbr_default')
      out.push(describe('default', local, d.type === 'Identifier' ? declared.get(d.name) : d))
    } else if (!parsed.esm && !cjsNamespace && s.type === 'ExpressionStatement') {
      // minified: `Symbol.dispose&&(…),exports.Counter=y`, one statement
      for (const e of s.expression.type === 'SequenceExpression' ? s.expression.expressions : [s.expression]) {
        const name = cjsExportName(e)
        if (name === undefined || placeholder(e)) continue
        out.push(describe(name, name, e.right.type === 'Identifier' ? declared.get(e.right.name) : e.right))
      }
    }
  }
  // a name assigned twice is exported as the last assignment leaves it
  return out.filter((e, i) => !out.some((later, j) => j > i && later.name === e.name))
}

/** Babel's CommonJS output declares every export first: `exports.A = exports.B = void 0;` (assigned later). */
function placeholder(e: Node): boolean {
  while (cjsExportName(e) !== undefined) e = e.right
  return e.type === 'UnaryExpression' && e.operator === 'void'
}

/**
 * esbuild's CommonJS form of an ES module (tsup, esbuild `format: 'cjs'`): `__export(ns, { A: () => a, … })`
 * and `module.exports = __toCommonJS(ns)` (or the IIFE's `return __toCommonJS(ns)`: `namespace`), helpers
 * by any name. The names and locals, or undefined.
 */
export function esbuildCjsExports(body: Node[], namespace?: string): { name: string; local: string }[] | undefined {
  // the IIFE form returns the namespace (`return __toCommonJS(ns)`) instead of assigning it
  const assigned = new Set<string>(namespace ? [namespace] : [])
  for (const s of body) {
    const e = s.type === 'ExpressionStatement' ? s.expression : undefined
    if (e?.type !== 'AssignmentExpression' || !isMember(e.left, 'module', 'exports')) continue
    const arg = e.right.type === 'CallExpression' && e.right.arguments.length === 1 ? e.right.arguments[0] : undefined
    if (arg?.type === 'Identifier') assigned.add(arg.name)
  }
  for (const s of body) {
    const c = s.type === 'ExpressionStatement' ? s.expression : undefined
    if (c?.type !== 'CallExpression' || c.callee.type !== 'Identifier' || c.arguments.length !== 2) continue
    const [ns, all] = c.arguments
    if (ns.type !== 'Identifier' || !assigned.has(ns.name) || all.type !== 'ObjectExpression') continue
    const out: { name: string; local: string }[] = []
    for (const p of all.properties) {
      const key = propertyKey(p)
      const v = p.value
      if (typeof key !== 'string' || v?.type !== 'ArrowFunctionExpression' || v.params.length || v.body.type !== 'Identifier') return undefined
      out.push({ name: key, local: v.body.name })
    }
    return out
  }
  return undefined
}

/** no-modules: inside the IIFE the exports are `exports.X = …` / `__exports.X = …`. */
export function scriptExports(body: Node[], declared: Map<string, Node>): GlueExport[] {
  const out: GlueExport[] = [{ name: 'default', local: '__wbg_init', kind: 'function' }, { name: 'initSync', local: 'initSync', kind: 'function' }]
  for (const s of body) {
    const e = s.type === 'ExpressionStatement' ? s.expression : undefined
    if (e?.type !== 'AssignmentExpression' || e.left.type !== 'MemberExpression' || e.left.computed) continue
    if (e.left.object.type !== 'Identifier' || !/^_*exports$/.test(e.left.object.name)) continue
    const name = e.left.property.name
    out.push(describeExport(name, name, e.right.type === 'Identifier' ? declared.get(e.right.name) : e.right, declared))
  }
  return out
}

/** An export's facade kind, from the declaration it names. */
export function describeExport(name: string, local: string, node: Node | undefined, declared: Map<string, Node>): GlueExport {
  const n = node?.type === 'VariableDeclarator' ? node.init : node
  if (n?.type === 'ClassDeclaration' || n?.type === 'ClassExpression') {
    const statics = n.body.body
      .filter((m: Node) => m.static && m.type === 'MethodDefinition' && m.key.type === 'Identifier' && !m.key.name.startsWith('__'))
      .map((m: Node) => m.key.name)
    // a wrapper's subclass of the glue's class (resvg's `class Resvg2 extends Resvg`) inherits the
    // methods that enter the wasm: they are guarded under the exported name too
    const methods: NonNullable<GlueExport['methods']> = []
    const seen = new Set<string>()
    for (let c: Node | undefined = n, depth = 0; c && depth < 8; depth++) {
      for (const m of c.body.body)
        if (isInstanceMethod(m) && !m.computed && m.key.type === 'Identifier' && !seen.has(m.kind + m.key.name)) {
          seen.add(m.kind + m.key.name)
          methods.push({ key: m.key.name, kind: m.kind, arity: simpleArity(m.value) })
        }
      const sup = c.superClass?.type === 'Identifier' ? declared.get(c.superClass.name) : undefined
      c = sup?.type === 'VariableDeclarator' ? sup.init : sup
      if (c && c.type !== 'ClassDeclaration' && c.type !== 'ClassExpression') c = undefined
    }
    return { name, local, kind: 'class', statics, methods }
  }
  if (n && /Function/.test(n.type)) return { name, local, kind: 'function', arity: simpleArity(n) }
  const members = namespaceMembers(n)
  return members ? { name, local, kind: 'value', members } : { name, local, kind: 'value' }
}

/**
 * A re-bundled package's default export may be its namespace as an object (rapier-compat's
 * `Object.freeze({ __proto__: null, World: Ng, get Mode() { return m }, init: gC })`): each member by
 * the local it names, or undefined when any member is something else.
 */
function namespaceMembers(n: Node | undefined): GlueExport['members'] {
  if (n?.type === 'CallExpression' && isMember(n.callee, 'Object', 'freeze') && n.arguments.length === 1) n = n.arguments[0]
  if (n?.type !== 'ObjectExpression' || !n.properties.length) return undefined
  const out: NonNullable<GlueExport['members']> = []
  for (const p of n.properties) {
    const key = propertyKey(p)
    if (typeof key !== 'string') return undefined
    if (key === '__proto__' && p.kind === 'init' && p.value.type === 'Literal') continue
    const body = p.kind === 'get' ? p.value.body.body : undefined
    const v = p.kind === 'init' ? p.value : body?.length === 1 && body[0].type === 'ReturnStatement' ? body[0].argument : undefined
    if (v?.type !== 'Identifier') return undefined
    out.push({ key, local: v.name })
  }
  return out.length ? out : undefined
}

/** Does the ES module export `name` (names survive minification)? */
export function exportsName(body: Node[], name: string): boolean {
  return body.some(
    (s) =>
      s.type === 'ExportNamedDeclaration' &&
      !s.source &&
      (s.declaration?.id?.name === name || (s.specifiers ?? []).some((sp: Node) => (sp.exported.name ?? sp.exported.value) === name)),
  )
}
