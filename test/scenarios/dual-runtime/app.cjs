// A CommonJS app: its require() of the runtime gives the CommonJS build, while the glue the plugin emits
// imports the ES one, so two copies run side by side; `instanceof` holds across them.
const { WasmAbortError, WasmStaleObjectError, WasmUnavailableError } = require('@wasm-recovery/runtime')
const m = require('../../fixtures/wasm/abort/nodejs/wr_fixture.js')
const r = {}
const held = new m.Counter(1)
try { m.panic_now('x') } catch (e) { r.abort = { name: e.name, instanceOf: e instanceof WasmAbortError, other: e instanceof WasmStaleObjectError } }
try { held.increment() } catch (e) { r.stale = { name: e.name, instanceOf: e instanceof WasmStaleObjectError, other: e instanceof WasmAbortError } }
// a forged brand does not make a plain object one, nor does a getter run
const forged = { get [Symbol.for('wasm-recovery.error')]() { r.getterRan = true; return 'WasmAbortError' } }
r.forged = forged instanceof WasmAbortError || forged instanceof WasmUnavailableError
console.log('RESULT:' + JSON.stringify(r))
