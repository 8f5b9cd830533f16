import { fileOfId } from './id.js'
import { parse as acorn } from 'acorn'
import { parseSync, rawTransferSupported, type ParserOptions } from 'oxc-parser'

/** Minimal ESTree shapes we read; oxc-parser returns ESTree-compatible nodes with offsets. */
export interface Node {
  type: string
  start: number
  end: number
  [key: string]: any
}

export interface Parsed {
  program: Node
  esm: boolean
}

let raw: boolean | undefined
/** `experimentalRawTransfer` is accepted at run time but missing from the published typings. */
type Options = ParserOptions & { experimentalRawTransfer?: boolean }

/**
 * oxc-parser hands the AST over as one JSON string unless raw transfer is available (Node 22+): V8's
 * string limit makes that fail from ~30 MB of glue ("Failed to convert rust String into napi string"),
 * and it is slow long before. Big files go to acorn, which builds its tree in JS.
 */
const OXC_LIMIT = 4 * 1024 * 1024

/** Parses as a module first; CommonJS files that are not valid module code parse as scripts. */
export function parse(id: string, code: string): Parsed | undefined {
  if (code.length > OXC_LIMIT) return parseAcorn(code)
  const file = fileOfId(id).replace(/\.(c|m)?js$/, '.js')
  // raw transfer skips the JSON round trip of the AST (most of the parse time for 100 KB of glue); no
  // `range` arrays: nothing reads them, and they made that round trip ~1.5x longer
  const fast = raw ??= rawTransferSupported()
  const mod = parseSync(file, code, { sourceType: 'module', preserveParens: false, experimentalRawTransfer: fast } as Options)
  if (mod.errors.length === 0) return { program: mod.program as unknown as Node, esm: mod.module.hasModuleSyntax }
  const script = parseSync(file, code, { sourceType: 'script', preserveParens: false, experimentalRawTransfer: fast } as Options)
  if (script.errors.length === 0) return { program: script.program as unknown as Node, esm: false }
  return undefined
}

function parseAcorn(code: string): Parsed | undefined {
  for (const sourceType of ['module', 'script'] as const) {
    try {
      const program = acorn(code, { ecmaVersion: 'latest', sourceType, allowHashBang: true }) as unknown as Node
      let esm = program.body.some((s: Node) => /^(Import|Export)/.test(s.type))
      if (!esm && sourceType === 'module') walk(program, { MetaProperty: () => void (esm = true) })
      return { program, esm }
    } catch {
      // not valid as this source type: try the next
    }
  }
  return undefined
}

type Visitors = Record<string, (n: Node, parent: Node | undefined, key: string | undefined) => void>
const never = () => false

/** Calls `visitors[node.type]` for `node` and every node below it (any subtree, not just a Program). */
export function walk(node: Node, visitors: Visitors, parent?: Node, parentKey?: string): void {
  walkUnless(node, never, visitors, parent, parentKey)
}

/** `walk`, except that a node `prune` accepts is neither visited nor descended into. */
export function walkUnless(node: Node, prune: (n: Node) => boolean, visitors: Visitors, parent?: Node, parentKey?: string): void {
  if (prune(node)) return
  visitors[node.type]?.(node, parent, parentKey)
  for (const key in node) {
    const v = node[key]
    if (v === null || typeof v !== 'object' || key === 'parent') continue
    if (Array.isArray(v)) {
      for (const c of v) if (c !== null && typeof c === 'object' && typeof c.type === 'string') walkUnless(c, prune, visitors, node, key)
    } else if (typeof v.type === 'string') walkUnless(v, prune, visitors, node, key)
  }
}

/** A function or class: code in it runs later, in a scope of its own, not where it stands. */
export const isNestedCode = (n: Node): boolean => /Function|Class/.test(n.type)

/** An Identifier that names a binding (not a property name or object key). */
export function isReference(parent: Node | undefined, key: string | undefined): boolean {
  if (!parent) return true
  if ((parent.type === 'MemberExpression' && key === 'property') || (/Property|MethodDefinition/.test(parent.type) && key === 'key'))
    return parent.computed === true
  return true
}

/** A class member that lives on the prototype: a method or accessor, not static, not the constructor. */
export function isInstanceMethod(m: Node): boolean {
  return m.type === 'MethodDefinition' && !m.static && m.kind !== 'constructor'
}

/** `a.b` with plain identifiers, e.g. `isMember(n, 'WebAssembly', 'Instance')`. */
export function isMember(n: Node | undefined, object: string, property?: string): boolean {
  return (
    n?.type === 'MemberExpression' &&
    !n.computed &&
    n.object.type === 'Identifier' &&
    n.object.name === object &&
    (property === undefined || n.property.name === property)
  )
}

/** The property a member expression reads: `a.b` and `a["b"]` give `b`; a key not known at build time, undefined. */
export function memberKey(m: Node): string | undefined {
  if (!m.computed) return m.property.type === 'Identifier' ? m.property.name : undefined
  return typeof m.property.value === 'string' ? m.property.value : undefined
}

/** An object literal property's static key (`a: …`, `'a': …`, `get a() {}`); a computed one or a spread, undefined. */
export function propertyKey(p: Node): string | undefined {
  if (p.type !== 'Property' || p.computed) return undefined
  return p.key.type === 'Identifier' ? p.key.name : typeof p.key.value === 'string' ? p.key.value : undefined
}

/** `module.exports.X = …` or `exports.X = …`: the exported name, else undefined. */
export function cjsExportName(n: Node): string | undefined {
  if (n.type !== 'AssignmentExpression' || n.operator !== '=' || n.left.type !== 'MemberExpression') return undefined
  const target = n.left
  const key = target.computed ? (target.property.type === 'Literal' ? String(target.property.value) : undefined) : target.property.name
  if (key === undefined) return undefined
  return isExportsObject(target.object) ? key : undefined
}

/** `module.exports` or `exports`: the object a CommonJS module exports through. */
export function isExportsObject(n: Node): boolean {
  return isMember(n, 'module', 'exports') || (n.type === 'Identifier' && n.name === 'exports')
}

/** Names a function's parameters would need in a facade with the same arity, or undefined for rest/defaults. */
export function simpleArity(fn: Node | undefined): number | undefined {
  if (!fn || !/Function/.test(fn.type)) return undefined
  return fn.params.every((p: Node) => p.type === 'Identifier') ? fn.params.length : undefined
}

/** `new URL('<x>.wasm', …)`: the .wasm it names; else undefined. */
export function wasmUrlSpec(n: Node): string | undefined {
  const spec = n.type === 'NewExpression' && n.callee.type === 'Identifier' && n.callee.name === 'URL' && n.arguments[0] ? stringValue(n.arguments[0]) : undefined
  return spec?.endsWith('.wasm') ? spec : undefined
}

export function stringValue(n: Node): string | undefined {
  if (n.type === 'Literal' && typeof n.value === 'string') return n.value
  if (n.type === 'TemplateLiteral') return n.quasis.map((q: Node) => q.value.cooked).join('')
  return undefined
}

/**
 * Every name the code spells out as a property or a string: member keys, object keys, string literals
 * and template text. A wasm export absent from it is reached by no static read of the glue.
 */
export function spelledNames(program: Node): Set<string> {
  const out = new Set<string>()
  walk(program, {
    MemberExpression: (m) => {
      const k = memberKey(m)
      if (k !== undefined) out.add(k)
    },
    Property: (p) => void (p.key.type === 'Identifier' ? out.add(p.key.name) : p.key.type === 'Literal' && out.add(String(p.key.value))),
    Literal: (l) => void (typeof l.value === 'string' && out.add(l.value)),
    TemplateElement: (t) => void (typeof t.value.cooked === 'string' && out.add(t.value.cooked)),
  })
  return out
}
