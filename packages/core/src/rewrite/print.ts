// Prints a wrapper template (templates.ts) for one export: the compiled function's own source, with
// its placeholders filled in through its AST, so the emitted code is the code tsc checked.
import { parse } from 'acorn'
import { MagicString } from 'magic-string' // named: the CommonJS build require()s this ES-only package
import type { Node } from '../detect/ast.js'
import { LIVE } from './spec.js'

export interface Fill {
  /** The function's name in the output; '' for a function expression. */
  name: string
  /** KEY: the export's or method's name. */
  key: string
  /** LABEL: the label of its errors (defaults to KEY). */
  label?: string
  /** Fixed arity (`a0, a1, …`); undefined: a rest parameter `args`. */
  arity?: number
  /** The parameters' names (an inline method keeps the glue's own); default `a0, a1, …` for `arity`. */
  params?: string[]
  /** Flags kept (true) or dropped (false): AUTO, READ_ONLY, TOUCH, CURRENT, FREE, DEPTH, STREAK. */
  flags?: Record<string, boolean>
}

const FLAGS = new Set(['AUTO', 'READ_ONLY', 'TOUCH', 'CURRENT', 'FREE', 'DEPTH', 'STREAK'])
const cache = new Map<Function, { src: string; fn: Node }>()
/** Printed skeletons per template, arity and flags: a glue has thousands of exports, few shapes. */
const skeletons = new Map<string, string>()
const NAME = '__wbr_NAME__'
const KEY = '\u0000KEY\u0000'
const LABEL = '\u0000LABEL\u0000'
const PARAM = (i: number) => `\u0000P${i}\u0000`

export function printTemplate(template: Function, fill: Fill): string {
  const names = fill.params
  const arity = names ? names.length : fill.arity
  const id = `${template.name}/${fill.name ? 1 : 0}/${arity}/${names ? 1 : 0}/${JSON.stringify(fill.flags ?? {})}`
  let skeleton = skeletons.get(id)
  if (skeleton === undefined) {
    skeleton = print(template, { ...fill, arity, name: fill.name && NAME, key: KEY, label: LABEL, params: names?.map((_, i) => PARAM(i)) })
    skeletons.set(id, skeleton)
  }
  if (names) skeleton = names.reduce((t, n, i) => t.split(PARAM(i)).join(n), skeleton)
  return skeleton
    .replace(NAME, () => fill.name)
    .split(JSON.stringify(KEY))
    .join(JSON.stringify(fill.key))
    .split(JSON.stringify(LABEL))
    .join(JSON.stringify(fill.label ?? fill.key))
}

function print(template: Function, fill: Fill): string {
  let t = cache.get(template)
  if (!t) {
    const src = template.toString()
    const program = parse(src, { ecmaVersion: 'latest', sourceType: 'module' }) as unknown as Node
    t = { src, fn: program.body[0] }
    cache.set(template, t)
  }
  const { src, fn } = t
  const s = new MagicString(src)
  const params = fill.params ?? (fill.arity === undefined ? ['...args'] : Array.from({ length: fill.arity }, (_, i) => `a${i}`))
  const list = fill.arity === undefined ? 'args' : `[${params.join(', ')}]`
  const flag = (n: Node): boolean | undefined => {
    if (n.type === 'Identifier' && FLAGS.has(n.name)) return fill.flags?.[n.name] ?? false
    if (n.type === 'UnaryExpression' && n.operator === '!' && n.argument.type === 'Identifier' && FLAGS.has(n.argument.name)) return !(fill.flags?.[n.argument.name] ?? false)
    return undefined
  }

  // header: `function name(` and only the export's own parameters (a guard's leading `g`, `x`, … are
  // the enclosing scope's in the output)
  const first = fn.params[0]
  const last = fn.params[fn.params.length - 1]
  s.overwrite(fn.start, first.start, fill.name ? `function ${fill.name}(` : 'function (')
  if (params.length) s.overwrite(first.start, last.end, params.join(', '))
  else s.remove(first.start, last.end)

  const visit = (n: Node): void => {
    if (n.type === 'IfStatement') {
      const f = flag(n.test)
      // `FLAG && a && b`: the flag is the leftmost operand of the chain
      let chain: Node | undefined
      for (let t = n.test; t.type === 'LogicalExpression' && t.operator === '&&'; t = t.left) chain = t
      const and = chain ? flag(chain.left) : undefined
      if (f === false || and === false) return removeLine(n)
      if (f === true) s.remove(n.start, n.consequent.start)
      if (and === true) s.remove(chain!.left.start, chain!.right.start)
    }
    if (n.type === 'ConditionalExpression') {
      const f = flag(n.test)
      if (f !== undefined) {
        const kept = f ? n.consequent : n.alternate
        s.remove(n.start, kept.start)
        s.remove(kept.end, n.end)
        return visitChildren(kept)
      }
    }
    if (n.type === 'Identifier') {
      if (n.name === 'KEY') s.overwrite(n.start, n.end, JSON.stringify(fill.key))
      else if (n.name === 'LABEL') s.overwrite(n.start, n.end, JSON.stringify(fill.label ?? fill.key))
      else if (n.name === 'LIVE') s.overwrite(n.start, n.end, String(LIVE))
      return
    }
    if (n.type === 'ArrayExpression' && n.elements.length === 1 && isArgs(n.elements[0])) return s.overwrite(n.start, n.end, list) as unknown as void
    if (n.type === 'CallExpression') {
      const i = n.arguments.findIndex(isArgs)
      if (i >= 0) {
        const spread = n.arguments[i]
        if (params.length) s.overwrite(spread.start, spread.end, params.join(', '))
        else s.remove(i > 0 ? n.arguments[i - 1].end : spread.start, spread.end)
        visit(n.callee)
        n.arguments.forEach((a: Node, j: number) => j !== i && visit(a))
        return
      }
    }
    visitChildren(n)
  }
  const visitChildren = (n: Node) => {
    for (const [k, v] of Object.entries(n)) {
      if (k === 'type' || !v || typeof v !== 'object') continue
      if (Array.isArray(v)) v.forEach((c) => c && typeof c.type === 'string' && visit(c))
      else if (typeof (v as Node).type === 'string') visit(v as Node)
    }
  }
  // a dropped statement takes its line with it
  const removeLine = (n: Node) => {
    let start = n.start
    while (start > 0 && (src[start - 1] === ' ' || src[start - 1] === '\t')) start--
    if (src[start - 1] === '\n') start--
    s.remove(start, n.end)
  }
  visit(fn.body)
  return s.slice(fn.start, fn.end)
}

const isArgs = (n: Node | null) => n?.type === 'SpreadElement' && n.argument.type === 'Identifier' && n.argument.name === 'ARGS'
