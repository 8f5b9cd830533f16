// Shapes real packages ship, made from our own fixture by actually running the tools packagers use:
// the web glue re-bundled with a wrapper (esbuild, Rollup, rolldown), minified (esbuild, terser), the
// wasm inlined as base64 beside a wrapper that compiles it. Each variant is a folder that looks like a
// published package: `index.mjs` (+ the .wasm where the package ships one).
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as esbuild from 'esbuild'
import { rolldown } from 'rolldown'
import { rollup } from 'rollup'
import { minify } from 'terser'
import { build as viteBuild } from 'vite'
import { wasm as wasmPlugin } from '@rollup/plugin-wasm'
import { transformSync as babel } from '@babel/core'
import { OUT_DIR } from './bundle.js'
import { fixtureGlue } from './fixture.js'

export const WEB_GLUE = fixtureGlue('abort', 'web')
export const WEB_WASM = WEB_GLUE.replace(/\.js$/, '_bg.wasm')
const BUNDLER_BG = fixtureGlue('abort', 'bundler').replace(/\.js$/, '_bg.js')
export const SHAPES_DIR = join(OUT_DIR, 'shapes')

/** The fixture exports a wrapper re-exports (no `default`, no `initSync`: the app goes through `initWasm`). */
const API = ['Counter', 'add', 'greet', 'panic_now', 'call_callback', 'alloc_huge', 'start_count']

/** resvg-style: a flag the wrapper's own code keeps, an init that refuses a second call. */
const wrapperSource = (glue: string) => `import __wbg_init from ${JSON.stringify(glue)}
let initialized = false
export const initWasm = async (input) => {
  if (initialized) throw new Error('Already initialized. The initWasm() function can be used only once.')
  await __wbg_init({ module_or_path: await input })
  initialized = true
}
export const isInitialized = () => initialized
export { ${API.join(', ')} } from ${JSON.stringify(glue)}
`

/** cf-wasm-style: the wasm as a base64 module, compiled and handed to initSync by the package itself. */
const inlineSource = (glue: string, b64Module: string) => `import { initSync } from ${JSON.stringify(glue)}
import b64 from ${JSON.stringify(b64Module)}
const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
export const wasmModule = new WebAssembly.Module(bytes)
initSync({ module: wasmModule })
export { ${API.join(', ')} } from ${JSON.stringify(glue)}
`

/**
 * rapier-compat-style (TypeScript to ES2015, Rollup, terser): the wasm inlined as base64 and decoded by
 * the package, an `init()` down-levelled to tslib's `__awaiter` generator, and the package's namespace as
 * its default export, an object literal of the same bindings (`import RAPIER from …; RAPIER.init()`).
 */
const namespaceSource = (glue: string, b64Module: string) => `import __wbg_init, { ${API.join(', ')} } from ${JSON.stringify(glue)}
import b64 from ${JSON.stringify(b64Module)}
var __awaiter = function (thisArg, _arguments, P, generator) {
  return new (P || (P = Promise))(function (resolve, reject) {
    function fulfilled(value) { try { step(generator.next(value)) } catch (e) { reject(e) } }
    function rejected(value) { try { step(generator['throw'](value)) } catch (e) { reject(e) } }
    function step(result) { result.done ? resolve(result.value) : new P(function (r) { r(result.value) }).then(fulfilled, rejected) }
    step((generator = generator.apply(thisArg, _arguments || [])).next())
  })
}
function toBytes(s) { return Uint8Array.from(atob(s), (c) => c.charCodeAt(0)) }
export function init() {
  return __awaiter(this, void 0, void 0, function* () { yield __wbg_init({ module_or_path: toBytes(b64) }) })
}
export { ${API.join(', ')} }
export default Object.freeze({ __proto__: null, ${API.join(', ')}, init })
`

/**
 * loro-crdt/base64-style: the bundler glue re-bundled by Rollup with @rollup/plugin-wasm inlining the wasm
 * (`sync`), and the package's own code instantiating it in the same file and handing it to the glue.
 */
const inlineSelfSource = (bg: string, reexport: string) => `import * as imports from ${JSON.stringify(bg)}
import * as rawWasm from ${JSON.stringify(bg.replace(/\.js$/, '.wasm'))}
import { __wbg_set_wasm } from ${JSON.stringify(bg)}
const made = rawWasm.default({ './wr_fixture_bg.js': imports })
const instance = made instanceof WebAssembly.Instance ? made : new WebAssembly.Instance(made, { './wr_fixture_bg.js': imports })
const wasmExports = instance.exports ?? instance
__wbg_set_wasm(wasmExports)
if (typeof wasmExports.__wbindgen_start === 'function') wasmExports.__wbindgen_start()
export ${reexport} from ${JSON.stringify(bg)}
`

/** tsup-style: esbuild's `binary` loader inlines the wasm, the package instantiates it with the glue as import object. */
const binarySelfSource = (bg: string) => `import * as imports from ${JSON.stringify(bg)}
import bytes from ${JSON.stringify(bg.replace(/\.js$/, '.wasm'))}
import { __wbg_set_wasm } from ${JSON.stringify(bg)}
const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { './wr_fixture_bg.js': imports })
__wbg_set_wasm(instance.exports)
instance.exports.__wbindgen_start?.()
export * from ${JSON.stringify(bg)}
`

/** tiktoken's `node` entry over matrix-sdk-crypto-wasm's Babel-made glue: the package reads its .wasm and hands the instance over. */
const babelLoaderSource = (wasm: string) => `const bg = require('./wr_fixture_bg.cjs')
// (the app's bundle for Node is an ES module: no require() of builtins, no __dirname there)
const bytes = process.getBuiltinModule('fs').readFileSync(${JSON.stringify(wasm)})
const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { './wr_fixture_bg.js': bg })
bg.__wbg_set_wasm(instance.exports)
module.exports = require('./wr_fixture_bg.cjs')
`

export type Tool = 'esbuild' | 'rollup' | 'rolldown'
export interface Shape {
  name: string
  /** How the app initialises it: the wrapper's `initWasm(x)`, or nothing (the package does it). */
  init: 'initWasm' | 'none' | 'namespace'
  /** Whether the plugin is expected to protect it (else: a coded warning, behaviour unchanged). */
  protected: boolean
  /** The module name on errors: the .wasm's name, or the glue file's when no .wasm ships. */
  module: string
  /** An esbuild IIFE for a <script> tag: the global it declares (without the plugin it exports nothing). */
  global?: string
  /** The target the plugin reports for it (web unless given). */
  target?: string
}

export const SHAPES: Shape[] = [
  { name: 'rebundled-esbuild', init: 'initWasm', protected: true, module: 'wr_fixture' },
  { name: 'rebundled-rollup', init: 'initWasm', protected: true, module: 'wr_fixture' },
  { name: 'rebundled-rolldown', init: 'initWasm', protected: true, module: 'wr_fixture' },
  { name: 'inline-base64-esbuild', init: 'none', protected: true, module: 'index' },
  { name: 'namespace-base64-terser', init: 'namespace', protected: true, module: 'wr_fixture' },
  { name: 'namespace-base64-terser-cjs', init: 'namespace', protected: true, module: 'wr_fixture' },
  { name: 'bundler-inline-rollup', init: 'none', protected: true, module: 'index', target: 'bundler-inline' },
  // the same re-exporting all of the glue (as loro does), minified by esbuild: the glue's names survive as export names
  { name: 'bundler-inline-rollup-minified', init: 'none', protected: true, module: 'index', target: 'bundler-inline' },
  // the same as Rollup's CommonJS output (`exports.add = add`), for a package's `require` condition
  { name: 'bundler-inline-rollup-cjs', init: 'none', protected: true, module: 'index', target: 'bundler-inline' },
  // the same through esbuild's `binary` loader (tsup `loader: { '.wasm': 'binary' }`) and rolldown's `binary`
  // module type (tsdown), as they are and minified (rolldown's minifier writes the base64 as a template literal)
  { name: 'bundler-inline-esbuild', init: 'none', protected: true, module: 'index', target: 'bundler-inline' },
  { name: 'bundler-inline-esbuild-minified', init: 'none', protected: true, module: 'index', target: 'bundler-inline' },
  { name: 'bundler-inline-rolldown', init: 'none', protected: true, module: 'index', target: 'bundler-inline' },
  { name: 'bundler-inline-rolldown-minified', init: 'none', protected: true, module: 'index', target: 'bundler-inline' },
  // Vite's library mode: every asset inlined, the glue's default URL now `new URL("data:application/wasm;base64,…", import.meta.url)`
  { name: 'vite-lib-datauri', init: 'none', protected: true, module: 'index' },
  { name: 'minified-esbuild', init: 'initWasm', protected: true, module: 'wr_fixture' },
  { name: 'minified-terser', init: 'initWasm', protected: true, module: 'wr_fixture' },
  // the wrapper and the glue as one flat CommonJS file (tsup's `index.js`, resvg's): `module.exports = __toCommonJS(ns)`
  { name: 'cjs-esbuild', init: 'initWasm', protected: true, module: 'wr_fixture' },
  // bundler glue turned CommonJS by Babel (matrix-sdk-crypto-wasm's), under the package's own loader
  { name: 'cjs-babel', init: 'none', protected: true, module: 'wr_fixture', target: 'bundler' },
  // the same with a CommonJS module of someone else's inside (`__commonJS` wrappers): re-running the file per
  // generation would re-run that module too, so it is left alone with a coded warning
  { name: 'cjs-multimodule-esbuild', init: 'initWasm', protected: false, module: 'wr_fixture' },
  // the whole package as an esbuild IIFE for a <script> tag (`--format=iife --global-name`, resvg's index.min.js),
  // as it is and minified: `var wrFixture = (() => { …; return __toCommonJS(ns) })()`
  { name: 'iife-esbuild', init: 'initWasm', protected: true, module: 'wr_fixture', global: 'wrFixture' },
  { name: 'iife-minified-esbuild', init: 'initWasm', protected: true, module: 'wr_fixture', global: 'wrFixture' },
]

async function rebundle(tool: Tool, entry: string, out: string): Promise<void> {
  if (tool === 'esbuild') {
    await esbuild.build({ entryPoints: [entry], outfile: out, bundle: true, format: 'esm', platform: 'neutral', logLevel: 'silent' })
  } else if (tool === 'rollup') {
    const b = await rollup({ input: entry, onwarn: () => {} })
    await b.write({ file: out, format: 'es' })
    await b.close()
  } else {
    const b = await rolldown({ input: entry, platform: 'neutral', logLevel: 'silent' })
    await b.write({ file: out, format: 'es' })
    await b.close()
  }
}

/**
 * Makes one shape's package folder and returns the file an app imports. `root`: a folder of the caller's
 * own (test files run in parallel, and each build first empties the shape's folder).
 */
export async function makeShape(shape: Shape, root = SHAPES_DIR): Promise<string> {
  const dir = join(root, shape.name)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(join(dir, 'src'), { recursive: true })
  const out = join(dir, 'index.mjs')
  const src = join(dir, 'src', 'wrapper.mjs')
  if (shape.init === 'namespace') {
    const b64 = join(dir, 'src', 'wasm.b64.mjs')
    writeFileSync(b64, `export default ${JSON.stringify(readFileSync(WEB_WASM).toString('base64'))}\n`)
    writeFileSync(src, namespaceSource(WEB_GLUE, b64))
    // rapier's build writes "<deleted>" for `import.meta.url`, and ships the .wasm beside it all the same;
    // its `require` condition is the same build as Rollup's CommonJS (`exports.World = qg`, …)
    const cjs = shape.name.endsWith('-cjs')
    const file = cjs ? join(dir, 'index.cjs') : out
    const b = await rollup({ input: src, onwarn: () => {}, plugins: [{ name: 'deleted', resolveImportMeta: (p) => (p === 'url' ? '"<deleted>"' : null) }] })
    await b.write({ file, format: cjs ? 'cjs' : 'es', exports: 'named' })
    await b.close()
    const r = await minify(readFileSync(file, 'utf8'), { module: !cjs, toplevel: true, compress: true, mangle: true })
    writeFileSync(file, r.code!)
    copyFileSync(WEB_WASM, join(dir, 'wr_fixture_bg.wasm'))
    if (cjs) {
      rmSync(join(dir, 'src'), { recursive: true, force: true })
      return file
    }
  } else if (shape.name === 'vite-lib-datauri') {
    // the package re-exports the glue's init as `init` (the app awaits it; it fetches its data: URL)
    writeFileSync(src, `export { default as init, ${API.join(', ')} } from ${JSON.stringify(WEB_GLUE)}\n`)
    const lib = join(dir, 'lib')
    await viteBuild({ configFile: false, logLevel: 'silent', root: dir, build: { outDir: lib, lib: { entry: src, formats: ['es'], fileName: 'index' } } })
    copyFileSync(join(lib, 'index.js'), out)
    rmSync(lib, { recursive: true, force: true })
  } else if (shape.name.startsWith('bundler-inline-esbuild') || shape.name.startsWith('bundler-inline-rolldown')) {
    writeFileSync(src, binarySelfSource(BUNDLER_BG))
    const minified = shape.name.endsWith('-minified')
    if (shape.name.startsWith('bundler-inline-rolldown')) {
      const b = await rolldown({ input: src, platform: 'neutral', moduleTypes: { '.wasm': 'binary' }, logLevel: 'silent' })
      await b.write({ file: out, format: 'es', minify: minified })
      await b.close()
    } else {
      // node20: its base64 decoder (newer targets call Uint8Array.fromBase64, which Node 20 lacks)
      await esbuild.build({ entryPoints: [src], outfile: out, bundle: true, format: 'esm', platform: 'neutral', target: 'node20', loader: { '.wasm': 'binary' }, minify: minified, logLevel: 'silent' })
    }
  } else if (shape.name.startsWith('bundler-inline-rollup')) {
    const minified = shape.name.endsWith('-minified')
    const cjs = shape.name.endsWith('-cjs')
    writeFileSync(src, inlineSelfSource(BUNDLER_BG, minified ? '*' : `{ ${API.join(', ')} }`))
    const b = await rollup({ input: src, onwarn: () => {}, plugins: [wasmPlugin({ sync: [BUNDLER_BG.replace(/\.js$/, '.wasm')], targetEnv: 'auto-inline' })] })
    const file = cjs ? join(dir, 'index.cjs') : out
    await b.write({ file, format: cjs ? 'cjs' : 'es' })
    await b.close()
    if (cjs) {
      rmSync(join(dir, 'src'), { recursive: true, force: true })
      return file
    }
    if (minified) await esbuild.build({ entryPoints: [out], outfile: out, allowOverwrite: true, minify: true, format: 'esm', logLevel: 'silent' })
  } else if (shape.name.startsWith('inline-base64')) {
    const b64 = join(dir, 'src', 'wasm.b64.mjs')
    writeFileSync(b64, `export default ${JSON.stringify(readFileSync(WEB_WASM).toString('base64'))}\n`)
    writeFileSync(src, inlineSource(WEB_GLUE, b64))
    await rebundle('esbuild', src, out)
  } else if (shape.global) {
    writeFileSync(src, wrapperSource(WEB_GLUE))
    const script = join(dir, 'index.min.js')
    await esbuild.build({ entryPoints: [src], outfile: script, bundle: true, format: 'iife', globalName: shape.global, minify: shape.name.includes('minified'), platform: 'browser', logLevel: 'silent' })
    copyFileSync(WEB_WASM, join(dir, 'wr_fixture_bg.wasm'))
    rmSync(join(dir, 'src'), { recursive: true, force: true })
    return script
  } else if (shape.name === 'cjs-babel') {
    // Babel's CommonJS declares each export first (`exports.Counter = void 0;`) and assigns it after the class
    const r = babel(readFileSync(BUNDLER_BG, 'utf8'), { plugins: ['@babel/plugin-transform-modules-commonjs'], babelrc: false, configFile: false, sourceType: 'module' })
    writeFileSync(join(dir, 'wr_fixture_bg.cjs'), r!.code!)
    copyFileSync(BUNDLER_BG.replace(/\.js$/, '.wasm'), join(dir, 'wr_fixture_bg.wasm'))
    writeFileSync(join(dir, 'index.cjs'), babelLoaderSource(join(dir, 'wr_fixture_bg.wasm')))
    rmSync(join(dir, 'src'), { recursive: true, force: true })
    return join(dir, 'index.cjs')
  } else if (shape.name.startsWith('cjs-')) {
    writeFileSync(src, wrapperSource(WEB_GLUE))
    if (shape.name === 'cjs-multimodule-esbuild') {
      writeFileSync(join(dir, 'src', 'other.cjs'), 'module.exports = { loadedAt: Date.now() }\n')
      writeFileSync(src, `${wrapperSource(WEB_GLUE)}export const other = require('./other.cjs')\n`)
    }
    const cjs = join(dir, 'index.cjs')
    await esbuild.build({ entryPoints: [src], outfile: cjs, bundle: true, format: 'cjs', platform: 'node', logLevel: 'silent' })
    copyFileSync(WEB_WASM, join(dir, 'wr_fixture_bg.wasm'))
    rmSync(join(dir, 'src'), { recursive: true, force: true })
    return cjs
  } else {
    writeFileSync(src, wrapperSource(WEB_GLUE))
    const tool = (shape.name.startsWith('minified') ? 'esbuild' : shape.name.split('-')[1]) as Tool
    await rebundle(tool, src, out)
    if (shape.name === 'minified-esbuild') {
      await esbuild.build({ entryPoints: [out], outfile: out, allowOverwrite: true, minify: true, format: 'esm', logLevel: 'silent' })
    } else if (shape.name === 'minified-terser') {
      const r = await minify(readFileSync(out, 'utf8'), { module: true, compress: true, mangle: true })
      writeFileSync(out, r.code!)
    }
    // the package ships its .wasm beside the bundle, under the name the glue's default URL gives
    copyFileSync(WEB_WASM, join(dir, 'wr_fixture_bg.wasm'))
  }
  rmSync(join(dir, 'src'), { recursive: true, force: true })
  return out
}
