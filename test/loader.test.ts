// A package's own loader over wasm-bindgen glue (tiktoken's `node` entry, tiktoken.cjs: fs + __dirname,
// new WebAssembly.Instance, __wbg_set_wasm): the bundle carries the wasm itself — it runs with the
// package's folder deleted — in ESM and CJS output of Rollup and esbuild, and recovers.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { bundle, runNode, writeEntry, BUNDLERS, OUT_DIR, TEST_DIR } from './helpers/bundle.js'
import { expectRecovered, fixtureGlue } from './helpers/fixture.js'

const entry = (pkg: string) => `import * as t from ${JSON.stringify(join(pkg, 'tiktoken.cjs'))}
const out = (f) => { try { return { ok: true, value: Array.from(f()) } } catch (e) { return { ok: false, name: e.name, export: e.export } } }
const enc = t.get_encoding('gpt2')
const r = { before: out(() => enc.encode('hello world')) }
r.trigger = out(() => enc.decode(new Uint32Array([999999999])))
r.fresh = out(() => t.get_encoding('gpt2').encode('hello world'))
r.stale = out(() => enc.encode('hello world'))
console.log('RESULT:' + JSON.stringify(r))
`

describe.each(BUNDLERS)('%s', (bundler) => {
  it.each(['esm', 'cjs'] as const)('%s output: self-contained, recovers', async (format) => {
    // a private copy of the package, deleted before the bundle runs
    const pkg = join(OUT_DIR, 'loader-pkg', `${bundler}-${format}`, 'node_modules', 'tiktoken')
    rmSync(join(pkg, '..', '..'), { recursive: true, force: true })
    mkdirSync(pkg, { recursive: true })
    cpSync(join(TEST_DIR, 'node_modules', 'tiktoken'), pkg, { recursive: true, dereference: true })
    const name = `loader-${bundler}-${format}`
    const b = await bundle(bundler, name, writeEntry(name, entry(pkg)), { format })
    expect(b.warnings.filter((w) => /WASM_RECOVERY/.test(`${w.code} ${w.message}`))).toEqual([])
    rmSync(join(pkg, '..', '..'), { recursive: true, force: true })
    // run it where no node_modules lies up the tree (the loader searches every parent folder for one)
    const away = mkdtempSync(join(tmpdir(), 'wr-loader-'))
    cpSync(b.dir, away, { recursive: true })
    const r = await runNode(join(away, basename(b.file)))
    rmSync(away, { recursive: true, force: true })
    expect(r.result, r.stderr.slice(-2000)).toEqual({
      before: { ok: true, value: [31373, 995] },
      trigger: { ok: false, name: 'WasmAbortError', export: 'Tiktoken.decode' },
      fresh: { ok: true, value: [31373, 995] },
      stale: { ok: false, name: 'WasmStaleObjectError', export: 'Tiktoken.encode' },
    })
    expect(r.code).toBe(0)
  })
})

// A lazy loader (matrix-sdk-crypto-wasm's node.mjs): the instantiation sits inside functions that its
// exported `initAsync()` calls, or that a Proxy set as the glue's wasm calls on first use. Written here over
// our fixture's bundler-target glue; the bundle runs with the package deleted, so the loader's own
// readFile of its .wasm would fail.
const lazyLoader = `import { fileURLToPath } from 'node:url'
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import * as bindings from './pkg/wr_fixture_bg.js'
const filename = fileURLToPath(new URL('./pkg/wr_fixture_bg.wasm', import.meta.url))
bindings.__wbg_set_wasm(new Proxy({}, { get(_t, prop) { return loadModuleSync()[prop] } }))
let modPromise = null
let initialised = false
function loadModuleSync() {
  if (modPromise) throw new Error('loading asynchronously')
  const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(filename)), { './wr_fixture_bg.js': bindings })
  initInstance(instance)
  return instance.exports
}
async function loadModuleAsync() {
  const { instance } = await WebAssembly.instantiate(await readFile(filename), { './wr_fixture_bg.js': bindings })
  initInstance(instance)
  return instance.exports
}
function initInstance(instance) {
  if (initialised) throw new Error('initInstance called twice')
  bindings.__wbg_set_wasm(instance.exports)
  instance.exports.__wbindgen_start()
  initialised = true
}
export async function initAsync() {
  if (initialised) return
  if (!modPromise) modPromise = loadModuleAsync()
  await modPromise
}
export * from './pkg/wr_fixture_bg.js'
`

// @wasm-fmt/ruff_fmt's node entry: eager, but its import object is a rest of the names it picks out of
// the glue's namespace, beside the exports it re-exports
const destructuringLoader = `import { readFileSync } from 'node:fs'
import * as import_bg from './pkg/wr_fixture_bg.js'
const { __wbg_set_wasm, add, Counter, panic_now, ...wasmImport } = import_bg
const wasmUrl = new URL('./pkg/wr_fixture_bg.wasm', import.meta.url)
const wasmModule = new WebAssembly.Module(readFileSync(wasmUrl))
function getImports() {
  return { __proto__: null, './wr_fixture_bg.js': { __wbg_set_wasm, ...wasmImport } }
}
const instance = new WebAssembly.Instance(wasmModule, getImports())
__wbg_set_wasm(instance.exports)
instance.exports.__wbindgen_start()
export { add, Counter, panic_now }
`

// @wasm-fmt's web entries (biome_fmt_web.js): web-glue-style initSync / default initAsync over bundler glue,
// the instantiation in helpers they share (`load(input, getImports())`), a guard against a second init
const webInitLoader = `import * as import_bg from './pkg/wr_fixture_bg.js'
const { __wbg_set_wasm, add, Counter, panic_now, ...wasmImport } = import_bg
function getImports() {
  return { __proto__: null, './wr_fixture_bg.js': wasmImport }
}
let wasm, wasmModule
async function load(module, imports) {
  if (typeof Response === 'function' && module instanceof Response) return await WebAssembly.instantiateStreaming(module, imports)
  const instance = await WebAssembly.instantiate(module, imports)
  return instance instanceof WebAssembly.Instance ? { instance, module } : instance
}
function finalize_init(instance, module) {
  wasm = instance.exports
  wasmModule = module
  __wbg_set_wasm(wasm)
  wasm.__wbindgen_start()
  return wasm
}
export function initSync(module_or_buffer) {
  if (wasm !== void 0) return wasm
  if (!(module_or_buffer instanceof WebAssembly.Module)) module_or_buffer = new WebAssembly.Module(module_or_buffer)
  const instance = new WebAssembly.Instance(module_or_buffer, getImports())
  return finalize_init(instance, module_or_buffer)
}
export default async function initAsync(init_input) {
  if (wasm !== void 0) return wasm
  if (init_input === void 0) init_input = new URL('./pkg/wr_fixture_bg.wasm', import.meta.url)
  if (typeof init_input === 'string' || (typeof URL === 'function' && init_input instanceof URL)) init_input = fetch(init_input)
  const { instance, module } = await load(await init_input, getImports())
  return finalize_init(instance, module)
}
export { add, Counter, panic_now }
`

describe.each(BUNDLERS)('lazy loader, %s', (bundler) => {
  it.each(['initAsync', 'first use', 'destructuring', 'web init'] as const)('loaded by %s: self-contained, one .wasm, recovers', async (how) => {
    const pkg = join(OUT_DIR, 'lazy-loader-pkg', `${bundler}-${how.replace(' ', '-')}`, 'node_modules', 'lazy-pkg')
    rmSync(join(pkg, '..', '..'), { recursive: true, force: true })
    mkdirSync(join(pkg, 'pkg'), { recursive: true })
    const glue = dirname(fixtureGlue('abort', 'bundler'))
    for (const f of ['wr_fixture_bg.js', 'wr_fixture_bg.wasm']) cpSync(join(glue, f), join(pkg, 'pkg', f))
    writeFileSync(join(pkg, 'node.mjs'), how === 'destructuring' ? destructuringLoader : how === 'web init' ? webInitLoader : lazyLoader)
    const name = `lazy-loader-${bundler}-${how.replace(' ', '-')}`
    const src = `import * as m from ${JSON.stringify(join(pkg, 'node.mjs'))}
import run, { report } from ${JSON.stringify(join(TEST_DIR, 'scenarios', 'bundlers', 'recover.mjs'))}
${how === 'initAsync' ? 'await m.initAsync()\n' : how === 'web init' ? 'await m.default()\n' : ''}run(m, false).then(report, (e) => report({ error: String((e && e.stack) || e) }))
`
    const b = await bundle(bundler, name, writeEntry(name, src), { format: 'esm' })
    rmSync(join(pkg, '..', '..'), { recursive: true, force: true })
    // (none where the bundler inlines it)
    expect(readdirSync(b.dir).filter((f) => f.endsWith('.wasm')).length).toBeLessThanOrEqual(1)
    expectRecovered(b.warnings.map((w) => `${w.code} ${w.message}`), await runNode(b.file), 'bundler')
  })
})
