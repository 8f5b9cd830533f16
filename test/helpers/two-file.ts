// The two-file nodejs form of wasm-bindgen 0.2.5x and before (`--target nodejs`), written out faithfully:
// `x.js` is the glue (a heap slab, `module.exports.f = function …`, the wasm's imports exported beside the
// API) and ends with `wasm = require('./x_bg');`; `x_bg.js` reads `x_bg.wasm` with fs, requires `./x` back
// as the import module and ends with `module.exports = wasmInstance.exports;`. Our CLI no longer emits it,
// so the wasm is assembled here (binaryen) with that era's import module and a producers section naming
// wasm-bindgen 0.2.50: `add`, `bump` (a counter in linear memory: a fresh instance starts at 0 again),
// `panic_now` (unreachable), `throw_msg` (its import throws an Error from a string in memory).
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import binaryen from 'binaryen'
import { OUT_DIR } from './bundle.js'

export const TWO_FILE_DIR = join(OUT_DIR, 'two-file')

const WAT = `(module
  (import "./wr_old" "__wbindgen_throw" (func $throw (param i32 i32)))
  (memory (export "memory") 17)
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "bump") (result i32)
    (i32.store (i32.const 1024) (i32.add (i32.load (i32.const 1024)) (i32.const 1)))
    (i32.load (i32.const 1024)))
  (func (export "panic_now") unreachable)
  (func (export "throw_msg") (call $throw (i32.const 2048) (i32.const 4)))
  (data (i32.const 2048) "boom"))`

/** producers: 1 field "processed-by" with one (name, version) pair */
function producers(tool: string, version: string): Uint8Array {
  const str = (s: string) => [s.length, ...Buffer.from(s)]
  return Uint8Array.from([1, ...str('processed-by'), 1, ...str(tool), ...str(version)])
}

const GLUE = `let wasm;

const lTextDecoder = typeof TextDecoder === 'undefined' ? (0, module.require)('util').TextDecoder : TextDecoder;

let cachedTextDecoder = new lTextDecoder('utf-8', { ignoreBOM: true, fatal: true });

let cachegetUint8Memory0 = null;
function getUint8Memory0() {
    if (cachegetUint8Memory0 === null || cachegetUint8Memory0.buffer !== wasm.memory.buffer) {
        cachegetUint8Memory0 = new Uint8Array(wasm.memory.buffer);
    }
    return cachegetUint8Memory0;
}

function getStringFromWasm0(ptr, len) {
    return cachedTextDecoder.decode(getUint8Memory0().subarray(ptr, ptr + len));
}

const heap = new Array(32).fill(undefined);

heap.push(undefined, null, true, false);

let heap_next = heap.length;

function addHeapObject(obj) {
    if (heap_next === heap.length) heap.push(heap.length + 1);
    const idx = heap_next;
    heap_next = heap[idx];

    heap[idx] = obj;
    return idx;
}

function getObject(idx) { return heap[idx]; }
/**
* @param {number} a
* @param {number} b
* @returns {number}
*/
module.exports.add = function(a, b) {
    var ret = wasm.add(a, b);
    return ret;
};

/**
* @returns {number}
*/
module.exports.bump = function() {
    var ret = wasm.bump();
    return ret;
};

module.exports.panic_now = function() {
    wasm.panic_now();
};

module.exports.throw_msg = function() {
    wasm.throw_msg();
};

module.exports.__wbindgen_throw = function(arg0, arg1) {
    throw new Error(getStringFromWasm0(arg0, arg1));
};

wasm = require('./wr_old_bg');
`

const LOADER = `
const path = require('path').join(__dirname, 'wr_old_bg.wasm');
const bytes = require('fs').readFileSync(path);
let imports = {};
imports['./wr_old'] = require('./wr_old');

const wasmModule = new WebAssembly.Module(bytes);
const wasmInstance = new WebAssembly.Instance(wasmModule, imports);
module.exports = wasmInstance.exports;
`

/** Writes the package folder (once per run) and returns its entry, `wr_old.js`. */
export function makeTwoFile(dir = TWO_FILE_DIR): string {
  mkdirSync(dir, { recursive: true })
  const m = binaryen.parseText(WAT)
  m.addCustomSection('producers', producers('wasm-bindgen', '0.2.50 (a3b4e2c9e)'))
  writeFileSync(join(dir, 'wr_old_bg.wasm'), m.emitBinary())
  m.dispose()
  writeFileSync(join(dir, 'wr_old.js'), GLUE)
  writeFileSync(join(dir, 'wr_old_bg.js'), LOADER)
  writeFileSync(join(dir, 'package.json'), '{ "type": "commonjs" }\n')
  return join(dir, 'wr_old.js')
}
