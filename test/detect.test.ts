// The fast layer: detection alone (no app bundle, no child process) on every shape the plugin meets —
// the generator's own layouts, the corpus packages as published, and the shapes made from our fixture by
// the packagers' tools. A change to detection is checked here in seconds.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { detectGlue } from '@wasm-recovery/unplugin'
import { beforeAll, describe, expect, it } from 'vitest'
import { OUT_DIR, TEST_DIR } from './helpers/bundle.js'
import { fixtureGlue } from './helpers/fixture.js'
import { makeShape, SHAPES } from './helpers/shapes.js'
import { makeTwoFile } from './helpers/two-file.js'

const nm = (p: string) => join(TEST_DIR, 'node_modules', p)
const detect = (file: string) => detectGlue(file, readFileSync(file, 'utf8')) as any

describe('published packages', () => {
  it.each([
    ['@dqbd/tiktoken 0.4.0 nodejs (loader names shared with parameters)', nm('@dqbd/tiktoken/dist/node/_tiktoken.js'), 'nodejs'],
    ['@cf-wasm/photon 0.4.0 lib (rolldown, no default URL)', nm('@cf-wasm/photon/dist/lib/photon_rs.js'), 'web'],
    ['@resvg/resvg-wasm 2.6.2 index.mjs (tsup, wrapper initWasm)', nm('@resvg/resvg-wasm/index.mjs'), 'web'],
    ['@resvg/resvg-wasm 2.6.2 index.js (tsup CommonJS: __export + __toCommonJS)', nm('@resvg/resvg-wasm/index.js'), 'web'],
    ['tiktoken 1.0.22 bundler _bg.js', nm('tiktoken/tiktoken_bg.js'), 'bundler'],
    ['@swc/wasm nodejs', nm('@swc/wasm/wasm.js'), 'nodejs'],
  ])('%s', (_, file, target) => {
    const d = detect(file)
    expect(d, d?.message).toMatchObject({ kind: 'glue', target })
  })

  it('@dqbd/tiktoken: only the loader statements go, methods taking `bytes` stay', () => {
    const d = detect(nm('@dqbd/tiktoken/dist/node/_tiktoken.js'))
    const code = readFileSync(nm('@dqbd/tiktoken/dist/node/_tiktoken.js'), 'utf8')
    expect(d.loaderStatements.map((s: any) => code.slice(s.start, s.end))).toEqual([
      "const path = require('path').join(__dirname, '_tiktoken_bg.wasm');",
      "const bytes = require('fs').readFileSync(path);",
    ])
  })

  it('resvg: the wrapper is the init, the wasm comes from the app', () => {
    const d = detect(nm('@resvg/resvg-wasm/index.mjs'))
    expect({ async: d.init.async, wrapper: d.init.wrapper }).toEqual({ async: 'initWasm', wrapper: 'initWasm' })
    // no initSync: a synchronous twin of __wbg_init and of the wrapper (which keeps its own flag)
    const code = readFileSync(nm('@resvg/resvg-wasm/index.mjs'), 'utf8')
    expect(d.init.twin.functions.map((f: any) => f.name)).toEqual(['__wbr_twin_init', '__wbr_twin_wrapper'])
    expect(d.init.twin.loads.map((n: any) => code.slice(n.start, n.end))).toEqual(['await __wbg_load(await input, imports)'])
    expect(d.init.twin.initRefs.map((n: any) => code.slice(n.start, n.end))).toEqual(['dist_default'])
    expect(d.runtimeWasm).toBe(true)
    expect(d.defaultUrls).toEqual([])
    // the subclass guards the glue class's methods under the exported name
    expect(d.exports.find((e: any) => e.name === 'Resvg').methods.map((m: any) => m.key)).toContain('render')
  })

  it('heap slab by shape: minified resvg keeps one under other names', async () => {
    const esbuild = await import('esbuild')
    const dir = join(OUT_DIR, 'detect', 'resvg-min')
    mkdirSync(dir, { recursive: true })
    const out = join(dir, 'index.mjs')
    await esbuild.build({ entryPoints: [nm('@resvg/resvg-wasm/index.mjs')], outfile: out, minify: true, format: 'esm', logLevel: 'silent' })
    cpSync(nm('@resvg/resvg-wasm/index_bg.wasm'), join(dir, 'index_bg.wasm'))
    const d = detect(out)
    expect(d).toMatchObject({ kind: 'glue', target: 'web', era: 'heap' })
    expect(d.slab.heap).not.toBe('heap')
    expect(detect(nm('@silvia-odwyer/photon/photon_rs_bg.js')).slab).toEqual({ heap: 'heap', next: 'heap_next', sp: 'stack_pointer' })
    expect(detect(fixtureGlue('abort', 'web')).slab).toBeUndefined()
  })

  it('the two-file nodejs form of CLI 0.2.5x: the instance comes from `wasm = require(\'./x_bg\')`', () => {
    const d = detect(makeTwoFile(join(OUT_DIR, 'detect', 'two-file')))
    expect(d).toMatchObject({ kind: 'glue', target: 'nodejs', bind: 'self', bgRequire: true, selfImportModule: './wr_old', bindgenVersion: '0.2.50', era: 'heap' })
    expect(d.wasmFile).toMatch(/wr_old_bg\.wasm$/)
  })

  it('cf-wasm: no default URL, the .wasm beside it only read', () => {
    const d = detect(nm('@cf-wasm/photon/dist/lib/photon_rs.js'))
    expect(d.runtimeWasm).toBe(true)
    expect(d.wasmFile).toMatch(/photon_rs_bg\.wasm$/)
    expect(d.bindgenVersion).toBe('0.2.126')
  })

  it('resvg index.min.js: an esbuild IIFE for a <script> tag, minified; its names found inside the IIFE', () => {
    const d = detect(nm('@resvg/resvg-wasm/index.min.js'))
    expect(d).toMatchObject({ kind: 'glue', target: 'web', format: 'esm', bind: 'init', scriptGlobal: 'resvg', runtimeWasm: true, bindgenVersion: '0.2.92', era: 'heap' })
    // the .wasm named in its code (`new URL("index_bg.wasm", void 0)`), not `index.min_bg.wasm`
    expect(d.wasmFile).toMatch(/\/index_bg\.wasm$/)
    expect(d.exports.map((e: { name: string }) => e.name)).toEqual(['Resvg', 'initWasm'])
    expect(d.init).toMatchObject({ wrapper: 'initWasm' })
    expect(d.init.twin).toBeDefined()
    expect(d.slab).toBeDefined()
  })
})

describe('shapes made from the fixture by the packagers’ tools', () => {
  const files: Record<string, string> = {}
  beforeAll(async () => {
    for (const s of SHAPES) files[s.name] = await makeShape(s, join(OUT_DIR, 'shapes-detect'))
  }, 60_000)

  it.each(SHAPES.map((s) => [s.name, s] as const))('%s', (name, s) => {
    // (bundler glue under the package's own loader: the glue beside it)
    const d = detect(s.target === 'bundler' ? join(dirname(files[name]!), 'wr_fixture_bg.cjs') : files[name]!)
    if (s.protected) {
      const bind = s.target === 'bundler-inline' ? 'self' : s.target === 'bundler' ? 'set_wasm' : 'init'
      expect(d, d?.message).toMatchObject({ kind: 'glue', target: s.target ?? 'web', bind })
      // each export once, as its last assignment leaves it (Babel declares them first: `exports.Counter = void 0`)
      expect(d.exports.filter((e: { name: string }) => e.name === 'Counter')).toMatchObject([{ kind: 'class' }])
      expect(d.bindgenVersion).toBe('0.2.108')
    } else expect(d).toMatchObject({ kind: 'skip', code: 'WASM_RECOVERY_UNRECOGNISED' })
    if (s.init === 'initWasm' && s.protected) expect(d.init.wrapper).toBe('initWasm')
    if (s.name.startsWith('inline')) expect(d.wasm.exports).toContain('panic_now')
  })
})

describe('ids and sizes', () => {
  const root = join(OUT_DIR, 'detect-paths')
  beforeAll(() => rmSync(root, { recursive: true, force: true }))

  it.each(['C# app', 'a?b', '100% done', 'dir with spaces', 'ünïcödé ✓'])('a folder named %j', (folder) => {
    const dir = join(root, folder, 'pkg')
    mkdirSync(dir, { recursive: true })
    cpSync(join(fixtureGlue('abort', 'bundler'), '..'), dir, { recursive: true })
    const bg = detect(join(dir, 'wr_fixture_bg.js'))
    expect(bg, bg?.message).toMatchObject({ kind: 'glue', target: 'bundler', wasmFile: join(dir, 'wr_fixture_bg.wasm') })
    expect(detect(join(dir, 'wr_fixture.js'))).toMatchObject({ kind: 'entry', bgFile: join(dir, 'wr_fixture_bg.js') })
    // a bundler's query after the real path still names the file
    const withQuery = join(dir, 'wr_fixture_bg.js') + '?v=123'
    expect(detectGlue(withQuery, readFileSync(join(dir, 'wr_fixture_bg.js'), 'utf8'))).toMatchObject({ kind: 'glue', wasmFile: join(dir, 'wr_fixture_bg.wasm') })
  })

  it('glue over the parser limit of JSON transfer (6 MB) is parsed by acorn and detected', () => {
    const dir = join(root, 'big', 'pkg')
    mkdirSync(dir, { recursive: true })
    cpSync(join(fixtureGlue('abort', 'bundler'), '..'), dir, { recursive: true })
    const file = join(dir, 'wr_fixture_bg.js')
    const body = Array.from({ length: 2000 }, (_, i) => `export function pad_${i}(a) { let s = ''; ${'s += "abcdefghijklmnop"; '.repeat(120)} return a + s.length; }`)
    writeFileSync(file, readFileSync(file, 'utf8') + '\n' + body.join('\n'))
    expect(readFileSync(file).length).toBeGreaterThan(6_000_000)
    expect(detect(file)).toMatchObject({ kind: 'glue', target: 'bundler' })
  })
})

describe('never silent', () => {
  it('a hand-written bridge that instantiates a wasm-bindgen .wasm itself is reported (WASM_RECOVERY_UNPROTECTED)', () => {
    const dir = join(OUT_DIR, 'detect-bridge')
    mkdirSync(dir, { recursive: true })
    cpSync(join(fixtureGlue('abort', 'web'), '..', 'wr_fixture_bg.wasm'), join(dir, 'engine.wasm'))
    const file = join(dir, 'bridge.mjs')
    writeFileSync(file, `import { readFileSync } from 'node:fs'
const bytes = readFileSync(new URL('./engine.wasm', import.meta.url))
export const { instance } = await WebAssembly.instantiate(bytes, { wbg: {} })
`)
    const d = detect(file)
    expect(d).toMatchObject({ kind: 'skip', code: 'WASM_RECOVERY_UNPROTECTED' })
    expect(d.message).toMatch(/engine\.wasm, made by wasm-bindgen 0\.2\.108/)
    // an app that only hands the bytes to a package's init() is not a bridge
    writeFileSync(file, `import { readFileSync } from 'node:fs'\nimport init from './glue.js'\nawait init(readFileSync(new URL('./engine.wasm', import.meta.url)))\n`)
    expect(detect(file)).toBeUndefined()
  })

  it('a bridge with the wasm inlined as base64 is reported too', () => {
    const dir = join(OUT_DIR, 'detect-bridge')
    const b64 = readFileSync(join(fixtureGlue('abort', 'web'), '..', 'wr_fixture_bg.wasm')).toString('base64')
    const file = join(dir, 'inline-bridge.mjs')
    writeFileSync(file, `const b = Uint8Array.from(atob(${JSON.stringify(b64)}), (c) => c.charCodeAt(0))\nexport const i = new WebAssembly.Instance(new WebAssembly.Module(b), { wbg: {} })\n`)
    expect(detect(file)).toMatchObject({ kind: 'skip', code: 'WASM_RECOVERY_UNPROTECTED', message: expect.stringMatching(/inline/) })
  })

  describe('bundler glue re-bundled with its wasm inlined as base64, instantiated in the same file (loro-crdt/base64)', () => {
    const pkg = join(fixtureGlue('abort', 'bundler'), '..')
    const b64 = JSON.stringify(readFileSync(join(pkg, 'wr_fixture_bg.wasm')).toString('base64'))
    const glue = readFileSync(join(pkg, 'wr_fixture_bg.js'), 'utf8')
    const write = (name: string, load: string) => {
      const dir = join(OUT_DIR, 'detect-inlined-bundler', name)
      mkdirSync(dir, { recursive: true })
      // what @rollup/plugin-wasm's inline output and the package's own instantiation look like around the glue
      writeFileSync(join(dir, 'index.js'), `function raw_bg(imports, sync) { const m = new WebAssembly.Module(Buffer.from(${b64}, 'base64')); return sync ? new WebAssembly.Instance(m, imports) : WebAssembly.instantiate(m, imports) }
${glue}
import * as self from './index.js'
${load}
`)
      return join(dir, 'index.js')
    }

    it('synchronous: glue whose body instantiates itself, the code left as written, no .wasm file named', () => {
      const d = detect(write('sync', `const instance = raw_bg({ './wr_fixture_bg.js': self }, true)\n__wbg_set_wasm(instance.exports)`))
      expect(d, d?.message).toMatchObject({ kind: 'glue', target: 'bundler-inline', bind: 'self', wasmFile: undefined, instantiate: undefined, loaderStatements: [] })
      expect(d.wasm.exports).toContain('panic_now')
    })

    it('awaited at top level (the factory runs synchronously): not read as that shape, and never silent', () => {
      const d = detect(write('async', `const instance = await raw_bg({ './wr_fixture_bg.js': self })\n__wbg_set_wasm(instance.instance.exports)`))
      expect(d).toMatchObject({ kind: 'skip', code: 'WASM_RECOVERY_UNRECOGNISED', message: expect.stringMatching(/inlined as base64/) })
      expect(d.message).not.toMatch(/index\.wasm/)
    })
  })

  it('a bridge over bytes that name no .wasm (compressed, another module\'s) is reported by its import object', () => {
    // @polkadot/wasm-bridge: `createWasmFn(root, wasmBytes, asmFn)` instantiates zlib-inflated base64 with `{ wbg }`
    const file = join(OUT_DIR, 'detect-bridge', 'compressed-bridge.mjs')
    writeFileSync(file, `export function createWasmFn(root, wasmBytes) {
  return async (wbg) => (await WebAssembly.instantiate(wasmBytes, { wbg })).instance.exports
}
`)
    expect(detect(file)).toMatchObject({ kind: 'skip', code: 'WASM_RECOVERY_UNPROTECTED', message: expect.stringMatching(/wasm-bindgen module \(imports "wbg"\)/) })
    // a wasm of someone else's toolchain (its own import module) is no business of ours
    writeFileSync(file, `export const make = async (bytes) => WebAssembly.instantiate(bytes, { env: {} })\n`)
    expect(detect(file)).toBeUndefined()
  })
})

describe('a wasm2js build (@emurgo/cardano-serialization-lib-asmjs): nothing to recover, nothing to warn about', () => {
  it('its asm.js module is not parsed as glue, and the glue beside it (its .wasm an .asm.js) is left alone silently', () => {
    const dir = join(OUT_DIR, 'detect-asmjs')
    rmSync(dir, { recursive: true, force: true })
    cpSync(join(fixtureGlue('abort', 'bundler'), '..'), dir, { recursive: true })
    rmSync(join(dir, 'wr_fixture_bg.wasm'))
    const bg = join(dir, 'wr_fixture_bg.js')
    // without a wasm of any kind the glue is warned about, as before
    expect(detect(bg)).toMatchObject({ kind: 'skip', code: 'WASM_RECOVERY_NO_WASM' })
    const asm = join(dir, 'wr_fixture.asm.js')
    writeFileSync(asm, `import * as bg from './wr_fixture_bg.js'\nfunction asmFunc(imports) { var __wbg_new = imports['./wr_fixture_bg.js'].__wbg_new_1; return { __wbindgen_malloc() {} } }\nexport var __wbindgen_malloc = asmFunc(bg).__wbindgen_malloc\n`)
    expect(detect(asm)).toBeUndefined()
    expect(detect(bg)).toBeUndefined()
  })
})

it("bundler glue whose wasm ships as a base64 module the package instantiates elsewhere (@prisma/client 7's query compiler): said so, not 'keep the .wasm beside'", () => {
  const dir = join(OUT_DIR, 'detect-b64-module')
  rmSync(dir, { recursive: true, force: true })
  cpSync(join(fixtureGlue('abort', 'bundler'), '..'), dir, { recursive: true })
  writeFileSync(join(dir, 'wr_fixture_bg.wasm-base64.mjs'), `export const wasm = ${JSON.stringify(readFileSync(join(dir, 'wr_fixture_bg.wasm')).toString('base64'))}\n`)
  rmSync(join(dir, 'wr_fixture_bg.wasm'))
  expect(detect(join(dir, 'wr_fixture_bg.js'))).toMatchObject({ kind: 'skip', code: 'WASM_RECOVERY_UNRECOGNISED', message: expect.stringMatching(/base64 module \(wr_fixture_bg\.wasm-base64\.mjs\)/) })
})
