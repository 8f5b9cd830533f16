// @swc/wasm@1.16.18 (nodejs target, CommonJS, CLI 0.2.100): printSync of an AST whose spans point past
// every source file, with source maps, panics (NoFileFor(BytePos(…))).
//
// The trigger panics only while swc's global source map holds no file: parseSync / minifySync /
// transformSync of a string register one, after which far spans resolve to the last file and print
// fine. printSync of a hand-built AST does not register a file, so the ordinary call here is a
// printSync of a well-formed AST (spans 0): then the trigger panics every time, in one instance
// (without the plugin) or in each fresh generation (with it).
import { loop } from './_loop.mjs'

const ast = (start) => {
  const span = { start, end: start === 0 ? 0 : start + 1 }
  return {
    type: 'Module',
    span,
    body: [{ type: 'ExpressionStatement', span, expression: { type: 'NumericLiteral', span, value: 1, raw: '1' } }],
    interpreter: null,
  }
}

export default async function run(m, p) {
  return loop(m, p, {
    ordinary(m) {
      const out = m.printSync(ast(0), {})
      if (out.code !== '1;\n') throw new Error(`printSync gave ${JSON.stringify(out.code)}`)
    },
    trigger(m) {
      m.printSync(ast(4e9), { sourceMaps: true })
    },
  })
}
