// A CommonJS app that require()s ES modules (Node ≥ 20.19 does so by default): an ES module importing
// another, and our fixture's experimental-nodejs-module glue (an ES module reading its .wasm with fs,
// as @johnnymorganz/stylua's `require` condition resolves to): `node --import … require-esm.cjs`.
const { greeting } = require('./esm/a.mjs')
const fx = require('../../fixtures/wasm/abort/experimental-nodejs-module/wr_fixture.js')
const out = (f) => { try { return { ok: true, value: f() } } catch (e) { return { ok: false, name: e?.name } } }
const held = new fx.Counter(1)
const r = { greeting, add: out(() => fx.add(1, 2)), trigger: out(() => fx.panic_now('boom')), after: out(() => fx.add(2, 3)), stale: out(() => held.increment()) }
console.log('RESULT:' + JSON.stringify(r))
