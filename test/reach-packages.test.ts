// Real packages whose hand-edited nodejs-target glue broke the rewrite (found by a scout, 2026-12-07):
// lol-html 2.3 (its wasm imports wrap exported classes: `module.exports.__wbg_comment_new = … Comment.__wrap(…)`)
// and html-rewriter-wasm 0.4 (asyncify: async glue methods, and a module of its own that the glue hands
// its instance to at top level), and loro-crdt 1.17's base64 build (bundler glue re-bundled by Rollup with the
// wasm inlined, instantiated by the package's own code in the same file). Bundled by esbuild with the
// plugin, against the package run unbundled; didkit-wasm-node 0.2 (getrandom through module.require).
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { bundle, runNode, writeEntry, TEST_DIR } from './helpers/bundle.js'
import { build, outDir, type BundlerName } from './helpers/build-map.js'

const COMMON = `const enc = new TextEncoder(), dec = new TextDecoder()
const r = {}
const out = async (f) => { try { return { ok: true, value: await f() } } catch (e) { return { ok: false, name: e?.name } } }
process.on('unhandledRejection', (e) => { (r.unhandled ??= []).push(String(e?.name)) })
`

const LOL = `import lol from 'lol-html'
${COMMON}
const mk = () => { let s = ''; const rw = new lol.HTMLRewriter('utf-8', (c) => { s += dec.decode(c) })
  rw.on('p', { element(el) { el.setInnerContent('new') } }); return { rw, get out() { return s } } }
const run = (o) => { o.rw.write(enc.encode('<p>old</p><div>x</div>')); o.rw.end(); return o.out }
async function main() {
  r.normal = await out(() => run(mk()))
  const old = mk(); old.rw.write(enc.encode('<div>'))
  const bad = mk(); bad.rw.__wbg_ptr = 0xfffffff0
  r.forged = await out(() => run(bad))
  r.fresh = await out(() => run(mk()))
  r.old = await out(() => run(old))
  console.log('RESULT:' + JSON.stringify(r))
}
main()
`

const HTMLRW = `import { HTMLRewriter } from 'html-rewriter-wasm'
${COMMON}
const rewrite = async (handler) => { let s = ''; const rw = new HTMLRewriter((c) => { s += dec.decode(c) })
  rw.on('p', { element: handler }); await rw.write(enc.encode('<p>z</p>')); await rw.end(); return s }
async function main() {
  r.normal = await out(() => rewrite((el) => el.setInnerContent('new')))
  const done = new HTMLRewriter(() => {}); await done.write(enc.encode('<p>x</p>')); await done.end()
  // a real trap: write() after end() hits \`unreachable\` inside an async glue method
  r.afterEnd = await out(() => done.write(enc.encode('<p>y</p>')))
  r.fresh = await out(() => rewrite((el) => el.setInnerContent('new')))
  // idle time (when a generation could be made ahead), then the asyncify path, which needs the live instance
  await new Promise((done) => setTimeout(done, 300))
  r.asyncHandler = await out(() => rewrite(async (el) => { await null; el.setInnerContent('A') }))
  console.log('RESULT:' + JSON.stringify(r))
}
main()
`

// @resvg/resvg-wasm-legacy 2.4 (@cf-wasm/og's): wasm-bindgen 0.2.84 web glue re-bundled by tsup, with the
// helper names of that era (`init`, `load`, `getImports`, `finalizeInit`: no `__wbg_` prefix, no initSync);
// a 100000× zoom overflows the pixmap size: unreachable
const RESVG_LEGACY = `import { Resvg, initWasm } from '@resvg/resvg-wasm-legacy'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
${COMMON}
const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10" fill="red"/></svg>'
async function main() {
  await initWasm(readFileSync(createRequire(import.meta.url).resolve('@resvg/resvg-wasm-legacy/index_bg.wasm')))
  r.normal = await out(() => new Resvg(svg).render().asPng().length)
  r.zoom = await out(() => new Resvg(svg, { fitTo: { mode: 'zoom', value: 100000 } }).render().asPng().length)
  r.fresh = await out(() => new Resvg(svg).render().asPng().length)
  console.log('RESULT:' + JSON.stringify(r))
}
main()
`

// a value nested 200,000 deep: converting it recurses until the shadow stack runs into the heap
// ("memory access out of bounds"); without the plugin every later call fails, on any document
const LORO = `import { LoroDoc } from 'loro-crdt/base64'
${COMMON}
async function main() {
  const doc = new LoroDoc(); const m = doc.getMap('m'); m.set('a', 1)
  r.normal = await out(() => JSON.stringify(m.toJSON()))
  let v = 1; for (let i = 0; i < 200000; i++) v = [v]
  r.deep = await out(() => m.set('deep', v))
  r.old = await out(() => m.set('b', 2))
  r.fresh = await out(() => { const d = new LoroDoc(); d.getMap('x').set('k', 'v'); return JSON.stringify(d.toJSON()) })
  console.log('RESULT:' + JSON.stringify(r))
}
main()
`

// brotli-wasm 3's `import` entry: 0.2.80 web glue with only an async init, so recoveries bind the fresh
// instance through its synchronous twin; a 2 GB input traps (unreachable) in compress
const BROTLI = `import brotliPromise from 'brotli-wasm'
${COMMON}
async function main() {
  const brotli = await brotliPromise
  const data = enc.encode('hello world '.repeat(20))
  const held = new brotli.CompressStream()
  r.normal = await out(() => brotli.decompress(brotli.compress(data)).length)
  r.huge = await out(() => brotli.compress(new Uint8Array(2 ** 31 - 1)).length)
  r.fresh = await out(() => brotli.decompress(brotli.compress(data)).length)
  r.old = await out(() => held.compress(data, 100).buf.length)
  console.log('RESULT:' + JSON.stringify(r))
}
main()
`

// @swc/wasm-typescript 1.16: nodejs glue whose loader reads a base64 literal instead of its .wasm file;
// source nested 200,000 deep overflows the stack inside wasm
const SWC_TS = `import swc from '@swc/wasm-typescript'
${COMMON}
async function main() {
  r.normal = await out(() => swc.transformSync('const x: number = 1', {}).code.replace(/\\s+/g, ' '))
  r.deep = await out(() => swc.transformSync('x = ' + '['.repeat(200000) + ']'.repeat(200000), {}).code.length)
  r.fresh = await out(() => swc.transformSync('let y: string = "a"', {}).code.replace(/\\s+/g, ' '))
  console.log('RESULT:' + JSON.stringify(r))
}
main()
`

/** Each package: what the app reports with the plugin; `trap`: the step that traps (a RuntimeError without it). */
const CASES = [
  {
    label: 'lol-html 2.3: starts (its class-wrapping imports stay on the import object), recovers, old objects stale',
    name: 'lol-html',
    src: LOL,
    trap: 'forged',
    expected: {
      normal: { ok: true, value: '<p>new</p><div>x</div>' },
      forged: { ok: false, name: 'WasmAbortError' },
      fresh: { ok: true, value: '<p>new</p><div>x</div>' },
      old: { ok: false, name: 'WasmStaleObjectError' },
    },
  },
  {
    label: 'html-rewriter-wasm 0.4: an async method that traps rejects with the abort (nothing unhandled), and asyncify follows the live instance',
    name: 'html-rewriter',
    src: HTMLRW,
    trap: 'afterEnd',
    expected: {
      normal: { ok: true, value: '<p>new</p>' },
      afterEnd: { ok: false, name: 'WasmAbortError' },
      fresh: { ok: true, value: '<p>new</p>' },
      asyncHandler: { ok: true, value: '<p>A</p>' },
    },
  },
  {
    label: 'brotli-wasm 3 (web glue with only an async init): the fresh instance after an abort serves the next calls, old streams stale',
    name: 'brotli',
    src: BROTLI,
    trap: 'huge',
    format: 'esm' as const,
    // without the plugin its web glue fetches a file: URL, which Node refuses: no run to compare
    unbundled: false,
    expected: {
      normal: { ok: true, value: 240 },
      huge: { ok: false, name: 'WasmAbortError' },
      fresh: { ok: true, value: 240 },
      old: { ok: false, name: 'WasmStaleObjectError' },
    },
  },
  {
    label: '@swc/wasm-typescript 1.16 (nodejs glue, its wasm a base64 literal): recognised, typed abort, the next call works',
    name: 'swc-ts',
    src: SWC_TS,
    trap: 'deep',
    // without the plugin the overflow surfaces as the RangeError itself
    trapName: 'RangeError',
    expected: {
      normal: { ok: true, value: 'const x = 1' },
      deep: { ok: false, name: 'WasmAbortError' },
      fresh: { ok: true, value: 'let y = "a"' },
    },
  },
  {
    label: '@resvg/resvg-wasm-legacy 2.4 (0.2.84 web glue re-bundled, the old helper names): recognised, typed abort, the next render works',
    name: 'resvg-legacy',
    src: RESVG_LEGACY,
    trap: 'zoom',
    format: 'esm' as const,
    expected: {
      normal: { ok: true, value: 83 },
      zoom: { ok: false, name: 'WasmAbortError' },
      fresh: { ok: true, value: 83 },
    },
  },
  {
    label: 'loro-crdt 1.17 (base64 build): its own inline instantiation guarded, recovers, old objects stale',
    name: 'loro',
    src: LORO,
    trap: 'deep',
    format: 'esm' as const,
    expected: {
      normal: { ok: true, value: '{"a":1}' },
      deep: { ok: false, name: 'WasmAbortError' },
      old: { ok: false, name: 'WasmStaleObjectError' },
      fresh: { ok: true, value: '{"x":{"k":"v"}}' },
    },
  },
]

describe('real packages with hand-edited or re-bundled glue', () => {
  it.each(CASES)('$label', async ({ name, src, trap, expected, format, unbundled, trapName }) => {
    const entry = writeEntry(`reach-${name}`, src)
    const mine = await bundle('esbuild', `reach-${name}`, entry, { format: format ?? 'cjs', plugin: {} })
    expect(mine.warnings.filter((w) => /WASM_RECOVERY/.test(`${w.code} ${w.message}`))).toEqual([])
    const a = await runNode(mine.file)
    expect(a.result, a.stderr.slice(-2000)).toEqual(expected)
    // without the plugin: the package as it runs unbundled (its glue reads the .wasm beside itself)
    if (unbundled === false) return
    const b = await runNode(entry)
    expect(b.result.normal).toEqual(a.result.normal)
    expect(b.result[trap]).toEqual({ ok: false, name: trapName ?? 'RuntimeError' })
  })
})

const DIDKIT_APP = join(TEST_DIR, 'scenarios', 'didkit', 'app.mjs')

describe('didkit-wasm-node 0.2: the randomness its old glue draws through module.require works with the plugin', () => {
  it.each(['cjs', 'esm'] as const)('esbuild, %s output', async (format) => {
    const mine = await bundle('esbuild', `reach-didkit-${format}`, DIDKIT_APP, { format, plugin: {} })
    expect(mine.warnings.filter((w) => /WASM_RECOVERY/.test(`${w.code} ${w.message}`))).toEqual([])
    const r = await runNode(mine.file)
    expect(r.result, r.stderr.slice(-2000)).toEqual({ kty: 'OKP', did: true, version: '0.1.0', stats: 'live' })
  })
})

// the base64 build exists for apps that configure no .wasm handling: every bundler they may use
describe('loro-crdt base64 build through every bundler (ES output, Node)', () => {
  const loro = CASES.find((c) => c.name === 'loro')!
  it.each(['webpack', 'rspack', 'rolldown', 'rollup', 'vite'] as BundlerName[])('%s', async (bundler) => {
    const entry = writeEntry('reach-loro-all', loro.src)
    const b = await build[bundler](entry, outDir('reach-loro', bundler), { format: 'es', platform: 'node' })
    expect(b.warnings.filter((w) => /WASM_RECOVERY/.test(w))).toEqual([])
    const r = await runNode(b.file, 60_000)
    expect(r.result, r.stderr.slice(-2000)).toEqual(loro.expected)
  })
})
