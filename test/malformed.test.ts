// Malformed and unusual inputs to the plugin, table-driven. For every case, with Rollup and esbuild:
// - the build never crashes because of the plugin (it succeeds, or fails exactly as it does without the
//   plugin, e.g. on the bundler's own syntax error);
// - the module is either HANDLED and works (a panic gives WasmAbortError, the next call works), or left
//   byte-for-byte UNTOUCHED: the plugin's transform (called directly, as Rollup would) returns null for
//   every file of the case with the coded warning given in the table, and the bundle is identical to the
//   one built without the plugin (and, where it runs, behaves the same).
//
// Cases build on the fixture crate's real wasm-bindgen output (test/fixtures/wasm/abort/<target>) and a
// few corpus packages, copied and edited under test/.out/malformed/<case>/. Webpack is not installed in
// this workspace: its re-bundle case is skipped (see the table).
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, join } from 'node:path'
import { unplugin } from '@wasm-recovery/unplugin'
import * as esbuild from 'esbuild'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { BUNDLERS, FIXTURES, OUT_DIR, TEST_DIR, bundle, runNode, type Bundler } from './helpers/bundle.js'
import { renameInWasm } from './helpers/inject.js'

const ROOT = join(OUT_DIR, 'malformed')
const FIX = (target: string) => join(FIXTURES, 'abort', target)
const wasmOf = (target: string) => join(FIX(target), 'wr_fixture_bg.wasm')

/** What a case must come out as. */
type Expect =
  | { handled: true; result?: unknown }
  | {
      handled: false
      /** The coded warning the transform gives (null: none, because the file is not glue or does not parse). */
      warning: string | null
      /** Both builds fail the same way (e.g. the bundler's own syntax error); else both succeed. */
      buildFails?: boolean
      /**
       * The case's files the bundler may fail on, when more than one is broken: Rollup loads siblings in
       * parallel and reports whichever fails first, so the first error differs from run to run.
       */
      failsOn?: string[]
    }

interface Case {
  name: string
  /** Writes the case's files into `dir` and returns the code of its entry module (written as dir/entry.mjs). */
  setup(dir: string): string | Promise<string>
  expect: Expect
  /** Output format (CommonJS glue needs it with esbuild). */
  format?: 'esm' | 'cjs'
}

// ---- building blocks ------------------------------------------------------------------------------

function copyTarget(target: string, to: string): string {
  cpSync(FIX(target), to, { recursive: true })
  return to
}

function edit(file: string, f: (code: string) => string): void {
  writeFileSync(file, f(readFileSync(file, 'utf8')))
}

/** The entry's common tail: a panic, then an ordinary call. */
const PROBE = `
const r = {}
let before
try { before = new m.Counter(1) } catch (e) { r.before = e?.name }
try { m.panic_now('boom') } catch (e) { r.panic = e?.name }
try { r.after = m.add(1, 2) } catch (e) { r.after = e?.name }
try { r.counter = new m.Counter(2).increment() } catch (e) { r.counter = e?.name }
try { r.old = before.increment() } catch (e) { r.old = e?.name }
console.log('RESULT:' + JSON.stringify(r))
`
/** Web-target glue: the app hands over the bytes itself, so the same entry runs with and without the plugin. */
const webEntry = (glue: string, wasm: string) => `import * as m from ${JSON.stringify(glue)}
import { readFileSync } from 'node:fs'
const r0 = {}
try { m.initSync({ module: readFileSync(${JSON.stringify(wasm)}) }) } catch (e) { r0.init = e?.name }
${PROBE.replace('const r = {}', 'const r = r0')}`
const nsEntry = (glue: string) => `import * as m from ${JSON.stringify(glue)}\n${PROBE}`

/** A panic is typed, the next call works, new objects work, objects of the dead instance fail typed. */
const HANDLED = { panic: 'WasmAbortError', after: 3, counter: 3, old: 'WasmStaleObjectError' }
const b64 = (file: string) => readFileSync(file).toString('base64')
const fromB64 = (s: string) => `Uint8Array.from(atob(${JSON.stringify(s)}), (c) => c.charCodeAt(0))`

// ---- the table ------------------------------------------------------------------------------------

const CASES: Case[] = [
  {
    name: 'truncated glue, cut in the middle of a token (bundler target)',
    setup(dir) {
      copyTarget('bundler', dir)
      edit(join(dir, 'wr_fixture_bg.js'), (c) => c.slice(0, Math.floor(c.length * 0.6)))
      return nsEntry('./wr_fixture.js')
    },
    // the truncated glue, or the .wasm that the untouched entry imports (no loader for it without the plugin's)
    expect: { handled: false, warning: null, buildFails: true, failsOn: ['wr_fixture_bg.js', 'wr_fixture_bg.wasm'] },
  },
  {
    name: 'truncated glue, cut at a statement boundary (its second half lost: no __wbg_set_wasm)',
    setup(dir) {
      copyTarget('bundler', dir)
      edit(join(dir, 'wr_fixture_bg.js'), (c) => c.slice(0, c.indexOf('function passStringToWasm0(')))
      return nsEntry('./wr_fixture.js')
    },
    expect: { handled: false, warning: 'WASM_RECOVERY_UNKNOWN_SHAPE', buildFails: true },
  },
  {
    name: 'hand-edited glue: helpers renamed (passStringToWasm0, getStringFromWasm0, handleError)',
    setup(dir) {
      copyTarget('web', dir)
      edit(join(dir, 'wr_fixture.js'), (c) => c.replace(/\bpassStringToWasm0\b/g, 'passStr').replace(/\bgetStringFromWasm0\b/g, 'getStr').replace(/\bhandleError\b/g, 'guarded'))
      return webEntry('./wr_fixture.js', join(dir, 'wr_fixture_bg.wasm'))
    },
    expect: { handled: true },
  },
  {
    name: 'hand-edited glue: an import function renamed, so it no longer matches its .wasm',
    setup(dir) {
      copyTarget('bundler', dir)
      edit(join(dir, 'wr_fixture_bg.js'), (c) => c.replace(/__wbg_error_00d263d4b5005737/g, '__wbg_error_edited'))
      return nsEntry('./wr_fixture.js')
    },
    expect: { handled: false, warning: 'WASM_RECOVERY_MISMATCH', buildFails: true },
  },
  {
    name: 'minified ESM web glue (esbuild minify: identifiers mangled as terser does)',
    async setup(dir) {
      copyTarget('web', dir)
      edit(join(dir, 'wr_fixture.js'), (c) => esbuild.transformSync(c, { minify: true, format: 'esm' }).code)
      return webEntry('./wr_fixture.js', join(dir, 'wr_fixture_bg.wasm'))
    },
    // minified ES-module web glue is found by its init's shape (issue 11)
    expect: { handled: true },
  },
  {
    name: 'ESM web glue with minifyWhitespace only',
    setup(dir) {
      copyTarget('web', dir)
      edit(join(dir, 'wr_fixture.js'), (c) => esbuild.transformSync(c, { minifyWhitespace: true, format: 'esm' }).code)
      return webEntry('./wr_fixture.js', join(dir, 'wr_fixture_bg.wasm'))
    },
    expect: { handled: true },
  },
  {
    name: 'ESM web glue with minifyIdentifiers only',
    setup(dir) {
      copyTarget('web', dir)
      edit(join(dir, 'wr_fixture.js'), (c) => esbuild.transformSync(c, { minifyIdentifiers: true, format: 'esm' }).code)
      return webEntry('./wr_fixture.js', join(dir, 'wr_fixture_bg.wasm'))
    },
    // minified ES-module web glue is found by its init's shape (issue 11)
    expect: { handled: true },
  },
  {
    name: 'ESM web glue with minifySyntax only',
    setup(dir) {
      copyTarget('web', dir)
      edit(join(dir, 'wr_fixture.js'), (c) => esbuild.transformSync(c, { minifySyntax: true, format: 'esm' }).code)
      return webEntry('./wr_fixture.js', join(dir, 'wr_fixture_bg.wasm'))
    },
    expect: { handled: true },
  },
  {
    name: 're-bundled glue: a tsup-like esbuild ESM bundle of the web glue and a helper module',
    async setup(dir) {
      const src = copyTarget('web', join(dir, 'src'))
      writeFileSync(join(src, 'helper.js'), 'export const twice = (x) => 2 * x\n')
      writeFileSync(join(src, 'index.js'), "export * from './wr_fixture.js'\nexport { default } from './wr_fixture.js'\nexport { twice } from './helper.js'\n")
      mkdirSync(join(dir, 'dist'))
      await esbuild.build({ entryPoints: [join(src, 'index.js')], bundle: true, format: 'esm', platform: 'neutral', outfile: join(dir, 'dist', 'wr_fixture.js'), logLevel: 'silent' })
      cpSync(join(src, 'wr_fixture_bg.wasm'), join(dir, 'dist', 'wr_fixture_bg.wasm'))
      rmSync(src, { recursive: true })
      return webEntry('./dist/wr_fixture.js', join(dir, 'dist', 'wr_fixture_bg.wasm'))
    },
    expect: { handled: true },
  },
  {
    name: "re-bundled glue: rolldown output (vite 8's bundled rolldown) of the web glue and a helper module",
    async setup(dir) {
      const src = copyTarget('web', join(dir, 'src'))
      writeFileSync(join(src, 'helper.js'), 'export const twice = (x) => 2 * x\n')
      writeFileSync(join(src, 'index.js'), "export * from './wr_fixture.js'\nexport { default } from './wr_fixture.js'\nexport { twice } from './helper.js'\n")
      const { rolldown } = await import(createRequire(createRequire(import.meta.url).resolve('vite')).resolve('rolldown'))
      const b = await rolldown({ input: join(src, 'index.js'), logLevel: 'silent' })
      await b.write({ file: join(dir, 'dist', 'wr_fixture.js'), format: 'esm' })
      await b.close()
      cpSync(join(src, 'wr_fixture_bg.wasm'), join(dir, 'dist', 'wr_fixture_bg.wasm'))
      rmSync(src, { recursive: true })
      return webEntry('./dist/wr_fixture.js', join(dir, 'dist', 'wr_fixture_bg.wasm'))
    },
    expect: { handled: true },
  },
  {
    name: 're-bundled glue: a CommonJS esbuild bundle of the nodejs glue and a helper (esbuild wrappers around it)',
    format: 'cjs',
    async setup(dir) {
      const src = copyTarget('nodejs', join(dir, 'src'))
      writeFileSync(join(src, 'helper.js'), 'module.exports = { twice: (x) => 2 * x }\n')
      writeFileSync(join(src, 'index.js'), "module.exports = { ...require('./wr_fixture.js'), ...require('./helper.js') }\n")
      await esbuild.build({ entryPoints: [join(src, 'index.js')], bundle: true, format: 'cjs', platform: 'node', outfile: join(dir, 'dist', 'wr_fixture.js'), logLevel: 'silent' })
      cpSync(join(src, 'wr_fixture_bg.wasm'), join(dir, 'dist', 'wr_fixture_bg.wasm'))
      writeFileSync(join(dir, 'dist', 'package.json'), '{"type":"commonjs"}')
      rmSync(src, { recursive: true })
      // the bundle reads its .wasm beside itself (__dirname): copied next to the output by the test
      return `import m from './dist/wr_fixture.js'\n${PROBE}`
    },
    expect: { handled: false, warning: 'WASM_RECOVERY_UNRECOGNISED' },
  },
  {
    name: 'base64-inlined wasm: bundler glue instantiated by a loader from base64 bytes (no .wasm shipped)',
    setup(dir) {
      cpSync(join(FIX('bundler'), 'wr_fixture_bg.js'), join(dir, 'wr_fixture_bg.js'))
      writeFileSync(
        join(dir, 'wr_fixture.js'),
        `import * as bg from './wr_fixture_bg.js'
const bytes = ${fromB64(b64(wasmOf('bundler')))}
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes), { './wr_fixture_bg.js': bg })
bg.__wbg_set_wasm(exports)
exports.__wbindgen_start()
export * from './wr_fixture_bg.js'
`,
      )
      return nsEntry('./wr_fixture.js')
    },
    expect: { handled: false, warning: 'WASM_RECOVERY_NO_WASM' },
  },
  {
    name: 'base64-inlined wasm: the same loader, with the .wasm also shipped beside the glue',
    setup(dir) {
      cpSync(join(FIX('bundler'), 'wr_fixture_bg.js'), join(dir, 'wr_fixture_bg.js'))
      cpSync(wasmOf('bundler'), join(dir, 'wr_fixture_bg.wasm'))
      writeFileSync(
        join(dir, 'wr_fixture.js'),
        `import * as bg from './wr_fixture_bg.js'
const bytes = ${fromB64(b64(wasmOf('bundler')))}
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes), { './wr_fixture_bg.js': bg })
bg.__wbg_set_wasm(exports)
exports.__wbindgen_start()
export * from './wr_fixture_bg.js'
`,
      )
      return nsEntry('./wr_fixture.js')
    },
    expect: { handled: true },
  },
  {
    name: 'base64-inlined wasm: web glue that calls initSync on inline bytes at its own top level (no .wasm shipped)',
    setup(dir) {
      cpSync(join(FIX('web'), 'wr_fixture.js'), join(dir, 'wr_fixture.js'))
      edit(join(dir, 'wr_fixture.js'), (c) => `${c}\ninitSync({ module: ${fromB64(b64(wasmOf('web')))} });\n`)
      return nsEntry('./wr_fixture.js')
    },
    // the Module comes from the glue's own loading (issue 11): protected, the inline bytes are the source
    expect: { handled: true },
  },
  {
    name: "a .wasm that is not wasm-bindgen (lightningcss-wasm's napi module) beside web glue",
    setup(dir) {
      copyTarget('web', dir)
      cpSync(join(TEST_DIR, 'node_modules', 'lightningcss-wasm', 'lightningcss_node.wasm'), join(dir, 'wr_fixture_bg.wasm'))
      return webEntry('./wr_fixture.js', join(dir, 'wr_fixture_bg.wasm'))
    },
    expect: { handled: false, warning: 'WASM_RECOVERY_NOT_BINDGEN' },
  },
  {
    name: "a .wasm that is not wasm-bindgen (lightningcss-wasm's napi module) beside bundler glue",
    setup(dir) {
      copyTarget('bundler', dir)
      cpSync(join(TEST_DIR, 'node_modules', 'lightningcss-wasm', 'lightningcss_node.wasm'), join(dir, 'wr_fixture_bg.wasm'))
      return nsEntry('./wr_fixture.js')
    },
    expect: { handled: false, warning: 'WASM_RECOVERY_MISMATCH', buildFails: true },
  },
  {
    name: 'bad bytes: a .wasm with the wrong magic',
    setup(dir) {
      copyTarget('bundler', dir)
      const b = readFileSync(join(dir, 'wr_fixture_bg.wasm'))
      b.write('\0elf', 0, 'latin1')
      writeFileSync(join(dir, 'wr_fixture_bg.wasm'), b)
      return nsEntry('./wr_fixture.js')
    },
    expect: { handled: false, warning: 'WASM_RECOVERY_BAD_WASM', buildFails: true },
  },
  {
    name: 'bad bytes: a .wasm truncated inside its code section (import section intact)',
    setup(dir) {
      copyTarget('bundler', dir)
      const b = readFileSync(join(dir, 'wr_fixture_bg.wasm'))
      writeFileSync(join(dir, 'wr_fixture_bg.wasm'), b.subarray(0, Math.floor(b.length / 2)))
      return nsEntry('./wr_fixture.js')
    },
    expect: { handled: false, warning: 'WASM_RECOVERY_BAD_WASM', buildFails: true },
  },
  {
    name: 'bad bytes: an empty .wasm (web glue)',
    setup(dir) {
      copyTarget('web', dir)
      writeFileSync(join(dir, 'wr_fixture_bg.wasm'), '')
      return webEntry('./wr_fixture.js', join(dir, 'wr_fixture_bg.wasm'))
    },
    expect: { handled: false, warning: 'WASM_RECOVERY_BAD_WASM' },
  },
  {
    name: 'a folder where the .wasm should be',
    setup(dir) {
      copyTarget('web', dir)
      rmSync(join(dir, 'wr_fixture_bg.wasm'))
      mkdirSync(join(dir, 'wr_fixture_bg.wasm'))
      return webEntry('./wr_fixture.js', wasmOf('web'))
    },
    expect: { handled: false, warning: 'WASM_RECOVERY_BAD_WASM' },
  },
  {
    name: 'a missing .wasm (web glue; the app brings the bytes)',
    setup(dir) {
      copyTarget('web', dir)
      rmSync(join(dir, 'wr_fixture_bg.wasm'))
      return webEntry('./wr_fixture.js', wasmOf('web'))
    },
    // the app supplies the wasm to init(): protected, nothing emitted
    expect: { handled: true },
  },
  {
    name: "decoy: a stale _bg.js of another package (automerge's) beside this .wasm under its name",
    setup(dir) {
      const am = join(TEST_DIR, 'node_modules', '@automerge', 'automerge-wasm', 'bundler')
      for (const f of ['automerge_wasm.js', 'automerge_wasm_bg.js']) cpSync(join(am, f), join(dir, f))
      cpSync(wasmOf('bundler'), join(dir, 'automerge_wasm_bg.wasm'))
      return `import * as m from './automerge_wasm.js'\nconsole.log('RESULT:' + JSON.stringify(typeof m.create))`
    },
    expect: { handled: false, warning: 'WASM_RECOVERY_MISMATCH', buildFails: true },
  },
  {
    name: 'decoy: stale web glue beside a rebuilt .wasm (the panic=unwind build: 4 imports the glue lacks)',
    setup(dir) {
      copyTarget('web', dir)
      cpSync(join(FIXTURES, 'unwind', 'web', 'wr_fixture_bg.wasm'), join(dir, 'wr_fixture_bg.wasm'))
      return webEntry('./wr_fixture.js', join(dir, 'wr_fixture_bg.wasm'))
    },
    expect: { handled: false, warning: 'WASM_RECOVERY_MISMATCH' },
  },
  {
    name: 'duplicate glue: the same files imported through two paths (a symlinked folder)',
    setup(dir) {
      copyTarget('bundler', join(dir, 'real'))
      symlinkSync(join(dir, 'real'), join(dir, 'link'), 'dir')
      return `import * as a from './real/wr_fixture.js'
import * as b from './link/wr_fixture.js'
const r = { same: a.add === b.add }
const c = new b.Counter(1)
try { a.panic_now('boom') } catch (e) { r.panic = e?.name }
try { r.staleThroughOtherPath = c.increment() } catch (e) { r.staleThroughOtherPath = e?.name }
r.after = [a.add(1, 2), b.add(2, 3)]
console.log('RESULT:' + JSON.stringify(r))
`
    },
    expect: { handled: true, result: { same: true, panic: 'WasmAbortError', staleThroughOtherPath: 'WasmStaleObjectError', after: [3, 5] } },
  },
  {
    name: 'two copies of the same package in one bundle (two folders, same module name): a panic in one leaves the other alone',
    setup(dir) {
      copyTarget('bundler', join(dir, 'v1'))
      copyTarget('bundler', join(dir, 'v2'))
      return `import * as a from './v1/wr_fixture.js'
import * as b from './v2/wr_fixture.js'
const r = { same: a.add === b.add }
const c = new b.Counter(1)
try { a.panic_now('boom') } catch (e) { r.panic = e?.name }
try { r.otherCopyObject = c.increment() } catch (e) { r.otherCopyObject = e?.name }
r.after = [a.add(1, 2), b.add(2, 3)]
console.log('RESULT:' + JSON.stringify(r))
`
    },
    expect: { handled: true, result: { same: false, panic: 'WasmAbortError', otherCopyObject: 2, after: [3, 5] } },
  },
  {
    name: "two versions in one bundle: the original and a renamed copy (files and the .wasm's import module renamed)",
    setup(dir) {
      const v2 = join(dir, 'v2')
      mkdirSync(v2)
      for (const f of ['wr_fixture.js', 'wr_fixture_bg.js', 'package.json'])
        writeFileSync(join(v2, f.replace('wr_fixture', 'wr_fixture_v2')), readFileSync(join(FIX('bundler'), f), 'utf8').replace(/wr_fixture_bg/g, 'wr_fixture_v2_bg'))
      writeFileSync(join(v2, 'wr_fixture_v2_bg.wasm'), renameInWasm(readFileSync(wasmOf('bundler')), { importModule: (s) => s.replace('wr_fixture_bg', 'wr_fixture_v2_bg') }))
      return `import * as a from ${JSON.stringify(join(FIX('bundler'), 'wr_fixture.js'))}
import * as b from './v2/wr_fixture_v2.js'
import { recoveryStats } from '@wasm-recovery/runtime'
const r = {}
const c = new a.Counter(1)
try { b.panic_now('boom') } catch (e) { r.panic = [e?.name, e?.module] }
try { r.otherVersionObject = c.increment() } catch (e) { r.otherVersionObject = e?.name }
r.after = [a.add(1, 2), b.add(2, 3)]
r.stats = recoveryStats().map((s) => [s.module, s.aborts]).sort()
console.log('RESULT:' + JSON.stringify(r))
`
    },
    expect: {
      handled: true,
      result: { panic: ['WasmAbortError', 'wr_fixture_v2'], otherVersionObject: 2, after: [3, 5], stats: [['wr_fixture', 0], ['wr_fixture_v2', 1]] },
    },
  },
  {
    name: 'glue with a syntax error',
    setup(dir) {
      copyTarget('web', dir)
      edit(join(dir, 'wr_fixture.js'), (c) => c.replace('export function add(a, b) {', 'export function add(a, b) {{ let = ;'))
      return webEntry('./wr_fixture.js', join(dir, 'wr_fixture_bg.wasm'))
    },
    expect: { handled: false, warning: null, buildFails: true },
  },
  {
    name: 'an empty file named *_bg.js (the entry imports it and the .wasm)',
    setup(dir) {
      copyTarget('bundler', dir)
      writeFileSync(join(dir, 'wr_fixture_bg.js'), '')
      return nsEntry('./wr_fixture.js')
    },
    expect: { handled: false, warning: null, buildFails: true },
  },
  {
    name: 'glue with CRLF line endings (bundler target)',
    setup(dir) {
      copyTarget('bundler', dir)
      for (const f of ['wr_fixture.js', 'wr_fixture_bg.js']) edit(join(dir, f), (c) => c.replace(/\r?\n/g, '\r\n'))
      return nsEntry('./wr_fixture.js')
    },
    expect: { handled: true },
  },
  {
    name: 'glue with a byte-order mark (web target)',
    setup(dir) {
      copyTarget('web', dir)
      edit(join(dir, 'wr_fixture.js'), (c) => '\uFEFF' + c)
      return webEntry('./wr_fixture.js', join(dir, 'wr_fixture_bg.wasm'))
    },
    expect: { handled: true },
  },
  {
    name: 'glue with a byte-order mark (bundler target)',
    setup(dir) {
      copyTarget('bundler', dir)
      for (const f of ['wr_fixture.js', 'wr_fixture_bg.js']) edit(join(dir, f), (c) => '\uFEFF' + c)
      return nsEntry('./wr_fixture.js')
    },
    expect: { handled: true },
  },
  {
    name: 'TypeScript-compiled glue (tsc transpile, ES2017 modules; the .d.ts plays no part)',
    setup(dir) {
      copyTarget('web', dir)
      rmSync(join(dir, 'wr_fixture.d.ts'))
      edit(join(dir, 'wr_fixture.js'), (c) => ts.transpileModule(c, { compilerOptions: { target: ts.ScriptTarget.ES2017, module: ts.ModuleKind.ESNext, allowJs: true } }).outputText)
      return webEntry('./wr_fixture.js', join(dir, 'wr_fixture_bg.wasm'))
    },
    expect: { handled: true },
  },
  {
    name: 'TypeScript-compiled glue down to ES5 (classes become functions, let/const become var)',
    setup(dir) {
      copyTarget('web', dir)
      edit(join(dir, 'wr_fixture.js'), (c) => ts.transpileModule(c, { compilerOptions: { target: ts.ScriptTarget.ES5, module: ts.ModuleKind.ESNext, allowJs: true, downlevelIteration: true, lib: ['es2020', 'dom'] } }).outputText)
      return webEntry('./wr_fixture.js', join(dir, 'wr_fixture_bg.wasm'))
    },
    expect: { handled: true },
  },
  {
    name: 'exports renamed in the JS (export { add as plus, panic_now as fail })',
    setup(dir) {
      copyTarget('web', dir)
      edit(join(dir, 'wr_fixture.js'), (c) =>
        c
          .replace('export function add(', 'function add(')
          .replace('export function panic_now(', 'function panic_now(')
          .replace('export { initSync, __wbg_init as default };', 'export { initSync, __wbg_init as default, add as plus, panic_now as fail };'),
      )
      return webEntry('./wr_fixture.js', join(dir, 'wr_fixture_bg.wasm')).replace("m.panic_now('boom')", "m.fail('boom')").replace('m.add(1, 2)', 'm.plus(1, 2)')
    },
    expect: { handled: true },
  },
  {
    name: 'wasm exports renamed *_command_export (as biome ships them), the glue calling them by those names',
    setup(dir) {
      copyTarget('bundler', dir)
      const renamed = (s: string) => (['add', 'panic_now', 'counter_new', 'counter_increment'].includes(s) ? `${s}_command_export` : s)
      writeFileSync(join(dir, 'wr_fixture_bg.wasm'), renameInWasm(readFileSync(wasmOf('bundler')), { exportName: renamed }))
      edit(join(dir, 'wr_fixture_bg.js'), (c) => c.replace(/\bwasm\.(add|panic_now|counter_new|counter_increment)\(/g, 'wasm.$1_command_export('))
      return nsEntry('./wr_fixture.js')
    },
    expect: { handled: true },
  },
  {
    name: 'glue of a threaded build (SharedArrayBuffer views)',
    setup(dir) {
      copyTarget('web', dir)
      edit(join(dir, 'wr_fixture.js'), (c) => c.replace('let cachedUint8ArrayMemory0 = null;', 'let cachedUint8ArrayMemory0 = null;\nconst SHARED = typeof SharedArrayBuffer;'))
      return webEntry('./wr_fixture.js', join(dir, 'wr_fixture_bg.wasm'))
    },
    expect: { handled: false, warning: 'WASM_RECOVERY_THREADS' },
  },
]

// ---- running a case ---------------------------------------------------------------------------------

interface Built {
  ok: boolean
  error?: string
  file?: string
  code?: string
  warnings: { code?: string; message: string }[]
}

async function build(bundler: Bundler, name: string, entry: string, plugin: boolean, format: 'esm' | 'cjs'): Promise<Built> {
  try {
    const b = await bundle(bundler, name, entry, { plugin: plugin ? {} : false, format })
    return { ok: true, file: b.file, code: readFileSync(b.file, 'utf8'), warnings: b.warnings }
  } catch (e: any) {
    return { ok: false, error: String(e?.message ?? e), warnings: [] }
  }
}

/** The plugin's transform called directly, as Rollup calls it, on every JS file of the case. */
function transformAll(dir: string) {
  const plugin = unplugin.raw(undefined, { framework: 'rollup' } as never) as any
  const warnings: { code?: string; message: string }[] = []
  const ctx = { warn: (w: any) => warnings.push(typeof w === 'string' ? { message: w } : w), emitFile: () => 'ref' }
  const outputs: Record<string, unknown> = {}
  for (const f of readdirSync(dir, { recursive: true }).map(String)) {
    if (!/\.[cm]?js$/.test(f) || basename(f) === 'entry.mjs') continue
    const id = join(dir, f)
    let code: string
    try {
      code = readFileSync(id, 'utf8')
    } catch {
      continue // a folder named *.js
    }
    outputs[f] = plugin.transform.handler.call(ctx, code, id)
  }
  return { outputs, warnings }
}

/** A folder name per case (unique: cases run concurrently). */
const slug = (s: string) => `${CASES.findIndex((c) => c.name === s)}-${s.replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(0, 50)}`

describe.concurrent('malformed and unusual inputs: the build never crashes; the glue works with recovery or stays untouched with a coded warning', () => {
  it.each(CASES)('$name', async (c) => {
    const dir = join(ROOT, slug(c.name))
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    const entry = join(dir, 'entry.mjs')
    writeFileSync(entry, await c.setup(dir))
    const format = c.format ?? 'esm'

    const t = transformAll(dir)
    const transformed = Object.entries(t.outputs).filter(([, o]) => o !== null && o !== undefined)
    const codes = t.warnings.map((w) => w.code)
    for (const w of t.warnings) expect(w.code, w.message).toMatch(/^WASM_RECOVERY_[A-Z_]+$/)

    for (const bundler of BUNDLERS) {
      const name = `malformed-${slug(c.name)}`
      const withPlugin = await build(bundler, name, entry, true, format)
      const label = `${bundler}: ${withPlugin.error ?? ''}`
      if (c.expect.handled) {
        expect(transformed.length, 'the transform rewrote the glue').toBeGreaterThan(0)
        expect(t.warnings, 'no warning').toEqual([])
        expect(withPlugin.ok, label).toBe(true)
        expect(withPlugin.warnings.filter((w) => /wasm-recovery|WASM_RECOVERY/.test(w.message)), bundler).toEqual([])
        const run = await runNode(withPlugin.file!)
        expect(run.result, `${bundler}: ${run.stderr.slice(-2000)}`).toEqual(c.expect.result ?? HANDLED)
        continue
      }
      // untouched: null for every file, the coded warning, and the same build as without the plugin
      expect(transformed.map(([f]) => f), 'no file rewritten').toEqual([])
      expect(codes, 'coded warnings').toEqual(c.expect.warning ? expect.arrayContaining([c.expect.warning]) : [])
      if (c.expect.warning) expect(new Set(codes)).toEqual(new Set([c.expect.warning]))
      const plain = await build(bundler, `${name}-plain`, entry, false, format)
      expect(withPlugin.ok, label).toBe(plain.ok)
      expect(withPlugin.ok, `${bundler}: the build ${c.expect.buildFails ? 'fails' : 'succeeds'} with and without the plugin`).toBe(!c.expect.buildFails)
      if (!plain.ok) {
        // the bundler's own error, not one from the plugin
        expect(withPlugin.error).not.toMatch(/wasm-recovery/i)
        const failsOn = c.expect.failsOn
        if (failsOn) {
          // either build may meet either broken file first: each names one of them, from the bundler
          // (esbuild lists every error under a "Build failed with N errors" line, paths relative; Rollup throws the first)
          const named = (e: string) => failsOn.some((f) => e.includes(`${basename(dir)}/${f}`))
          expect(named(withPlugin.error!), `${bundler}: ${firstLine(withPlugin.error!, dir)}`).toBe(true)
          expect(named(plain.error!), `${bundler}: ${firstLine(plain.error!, dir)}`).toBe(true)
        } else expect(firstLine(withPlugin.error!, dir)).toBe(firstLine(plain.error!, dir))
        continue
      }
      expect(withPlugin.code!.replaceAll(`${name}-${bundler}`, '<dir>'), `${bundler}: byte-for-byte the bundle built without the plugin`).toBe(
        plain.code!.replaceAll(`${name}-plain-${bundler}`, '<dir>'),
      )
      if (c.expect.warning) expect(withPlugin.warnings.map((w) => w.code ?? w.message).join('\n'), `${bundler} shows the warning`).toContain(c.expect.warning)
      if (format === 'cjs') for (const b of [withPlugin, plain]) cpSync(join(dir, 'dist', 'wr_fixture_bg.wasm'), join(b.file!, '..', 'wr_fixture_bg.wasm'))
      const [a, b] = [await runNode(withPlugin.file!), await runNode(plain.file!)]
      expect(a.result, `${bundler}: runs as without the plugin\n${a.stderr.slice(-1500)}`).toEqual(b.result)
    }
  })

  it.skip('re-bundled glue: webpack output — webpack is not installed in this workspace (rolldown and esbuild re-bundles are covered above)', () => {})
})

function firstLine(message: string, dir: string): string {
  return message.split('\n')[0]!.replaceAll(dir, '<case>').replace(/\/\S*\.out\/malformed-[^/\s]*/g, '<out>')
}
