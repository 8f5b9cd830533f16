// The same service as app.mjs, written in CommonJS: `node --import @wasm-recovery/node/register app.cjs`.
const { get_encoding } = require('tiktoken')
const enc = get_encoding('gpt2')
try { enc.decode(new Uint32Array([999999999])) } catch (e) { console.log('trigger', e.name) }
console.log('fresh', Array.from(get_encoding('gpt2').encode('hello world')))
