import { parseSync, Visitor } from 'oxc-parser'

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

/** Parses as a module first; CommonJS files that are not valid module code parse as scripts. */
export function parse(id: string, code: string): Parsed | undefined {
  const file = id.replace(/[?#].*$/, '').replace(/\.(c|m)?js$/, '.js')
  const mod = parseSync(file, code, { sourceType: 'module' })
  if (mod.errors.length === 0) return { program: mod.program as unknown as Node, esm: mod.module.hasModuleSyntax }
  const script = parseSync(file, code, { sourceType: 'script' })
  if (script.errors.length === 0) return { program: script.program as unknown as Node, esm: false }
  return undefined
}

export function walk(node: Node, visitors: Record<string, (n: Node) => void>): void {
  new Visitor(visitors as never).visit(node as never)
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

/** `module.exports.X = …` or `exports.X = …`: the exported name, else undefined. */
export function cjsExportName(n: Node): string | undefined {
  if (n.type !== 'AssignmentExpression' || n.operator !== '=' || n.left.type !== 'MemberExpression') return undefined
  const target = n.left
  const key = target.computed ? (target.property.type === 'Literal' ? String(target.property.value) : undefined) : target.property.name
  if (key === undefined) return undefined
  if (isMember(target.object, 'module', 'exports') || (target.object.type === 'Identifier' && target.object.name === 'exports'))
    return key
  return undefined
}

/** Names a function's parameters would need in a facade with the same arity, or undefined for rest/defaults. */
export function simpleArity(fn: Node | undefined): number | undefined {
  if (!fn || !/Function/.test(fn.type)) return undefined
  return fn.params.every((p: Node) => p.type === 'Identifier') ? fn.params.length : undefined
}

export function stringValue(n: Node): string | undefined {
  if (n.type === 'Literal' && typeof n.value === 'string') return n.value
  if (n.type === 'TemplateLiteral') return n.quasis.map((q: Node) => q.value.cooked).join('')
  return undefined
}
