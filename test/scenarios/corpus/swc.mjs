// @swc/wasm@1.16.18 (nodejs target, CommonJS, CLI 0.2.100). No classes: free functions only.
import { gcTwice, outcome } from '../lib.mjs'
import { statsOf } from './_util.mjs'

const SOURCE = 'const answer = (a, b) => a * b;\nexport default function main() { return answer(6, 7) }\n'
const OPTIONS = { syntax: 'ecmascript' }
/** An AST whose spans point far past every source file: printing it with source maps panics (NoFileFor). */
const farAst = () => {
  const span = { start: 4e9, end: 4e9 + 1 }
  return {
    type: 'Module',
    span,
    body: [{ type: 'ExpressionStatement', span, expression: { type: 'NumericLiteral', span, value: 1, raw: '1' } }],
    interpreter: null,
  }
}
const nestedArrays = (depth) => '['.repeat(depth) + ']'.repeat(depth)
/** Spans grow with every parse in one process: compare the shape, not the absolute offsets. */
const relative = (ast) => JSON.parse(JSON.stringify(ast, (k, v) => (k === 'span' ? { len: v.end - v.start } : k === 'ctxt' ? undefined : v)))

export async function equivalence(m) {
  const r = {}
  r.parse = outcome(() => relative(m.parseSync(SOURCE, OPTIONS)))
  r.roundTrip = outcome(() => m.printSync(m.parseSync(SOURCE, OPTIONS), {}).code)
  r.minify = outcome(() => m.minifySync(SOURCE, { module: true }).code)
  r.transform = outcome(() => m.transformSync(SOURCE, { jsc: { parser: OPTIONS, target: 'es5' } }).code)
  r.syntaxError = outcome(() => m.parseSync('let = ;', OPTIONS))
  r.asyncParse = await m.parse('1 + 2', OPTIONS).then((ast) => ({ ok: true, value: ast.body.length }), (e) => ({ ok: false, message: String(e) }))
  return r
}

/** Must run first in a fresh process: after any parse the source map knows a file and no longer panics. */
export async function trigger(m, ctx) {
  const r = {}
  r.statsBefore = statsOf(ctx.module)
  r.trigger = outcome(() => m.printSync(farAst(), { sourceMaps: true }))
  r.statsAfter = statsOf(ctx.module)
  r.freeFunction = outcome(() => m.printSync(m.parseSync(SOURCE, OPTIONS), {}).code)
  r.asyncAfter = await m.parse('1 + 2', OPTIONS).then((ast) => ({ ok: true, value: ast.body.length }), (e) => ({ ok: false, name: e?.name }))
  await gcTwice()
  r.afterGc = outcome(() => m.parseSync('x', OPTIONS).body.length)
  r.statsEnd = statsOf(ctx.module)
  return r
}

export async function deep(m, ctx) {
  const r = {}
  r.before = outcome(() => m.parseSync('[[1]]', OPTIONS).body.length)
  r.statsBefore = statsOf(ctx.module)
  r.trigger = outcome(() => m.parseSync(nestedArrays(2_000), OPTIONS).body.length)
  r.statsAfter = statsOf(ctx.module)
  r.freeFunction = outcome(() => m.parseSync('[[1]]', OPTIONS).body.length)
  r.print = outcome(() => m.printSync(m.parseSync(SOURCE, OPTIONS), {}).code)
  await gcTwice()
  r.afterGc = outcome(() => m.parseSync('x', OPTIONS).body.length)
  r.statsEnd = statsOf(ctx.module)
  return r
}
