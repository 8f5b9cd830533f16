// A Node service without a bundler: `node --import @wasm-recovery/node/register app.mjs`. tiktoken (its
// `node` entry, a CommonJS loader over its glue), @swc/wasm (CommonJS glue) and our fixture's web target
// (ES module glue; init() with no argument). Prints RESULT:{…}.
import { get_encoding } from 'tiktoken'
import swc from '@swc/wasm'
import init, * as fixture from '../../fixtures/wasm/abort/web/wr_fixture.js'

const out = (f) => {
  try {
    const v = f()
    return { ok: true, value: v instanceof Uint32Array ? Array.from(v) : v }
  } catch (e) {
    return { ok: false, name: e?.name, module: e?.module, export: e?.export }
  }
}

const r = {}
const enc = get_encoding('gpt2')
r.tiktoken = out(() => enc.encode('hello world'))
r.tiktokenTrigger = out(() => enc.decode(new Uint32Array([999999999])))
r.tiktokenFresh = out(() => get_encoding('gpt2').encode('hello world'))
r.tiktokenStale = out(() => enc.encode('hello world'))
// an AST whose spans point far past every source file: printing it with source maps panics (NoFileFor)
const span = { start: 4e9, end: 4e9 + 1 }
const far = { type: 'Module', span, body: [{ type: 'ExpressionStatement', span, expression: { type: 'NumericLiteral', span, value: 1, raw: '1' } }], interpreter: null }
r.swcTrigger = out(() => swc.printSync(far, { sourceMaps: true }))
const src = 'const x = 1;'
r.swcAfter = out(() => swc.printSync(swc.parseSync(src, { syntax: 'ecmascript' })).code.trim())
await init()
r.fixture = out(() => fixture.add(1, 2))
r.fixtureTrigger = out(() => fixture.panic_now('boom'))
r.fixtureAfter = out(() => fixture.add(2, 2))
console.log('RESULT:' + JSON.stringify(r))
