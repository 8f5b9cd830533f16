import { execFile } from 'node:child_process'
import { copyFileSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import wasmRecovery from '@wasm-recovery/vite'
import { findWasmBindgenDeps, findWasmBindgenDepTree } from '@wasm-recovery/unplugin'
import { describe, expect, it } from 'vitest'
import { OUT_DIR, TEST_DIR } from './helpers/bundle.js'

const VITES = { 'Vite 8': 'vite', 'Vite 7': 'vite7' } as const
const entry = join(TEST_DIR, 'scenarios', 'vite', 'ssr-entry.mjs')
const expected = {
  html: '<p>4×4 hello, ssr</p>',
  cropError: { name: 'WasmAbortError', export: 'crop' },
  panic: { name: 'WasmAbortError', panicMessage: 'ssr' },
  stats: [
    ['photon_rs', 1, 1],
    ['wr_fixture', 1, 1],
  ],
}

it('finds the wasm-bindgen packages among the app dependencies (kept out of pre-bundling, bundled in SSR)', () => {
  const deps = findWasmBindgenDeps(TEST_DIR)
  for (const name of ['@silvia-odwyer/photon', '@automerge/automerge-wasm', 'tiktoken', '@swc/wasm', '@ironcalc/wasm', '@biomejs/wasm-web'])
    expect(deps).toContain(name)
  expect(deps).not.toContain('lightningcss-wasm')
  expect(deps).not.toContain('vite')
})

it("finds a wasm-bindgen wasm by its imports under any name, three folders down; another toolchain's wasm is no dependency of ours", () => {
  // before: only `*_bg.wasm` two levels down (@cf-wasm/resvg's dist/lib/resvg.wasm, @jsquash/resize's lib/resize/pkg/…: silently external in SSR)
  const root = join(OUT_DIR, 'vite-find-deps')
  rmSync(root, { recursive: true, force: true })
  const wasm = join(TEST_DIR, 'fixtures', 'wasm', 'abort', 'web', 'wr_fixture_bg.wasm')
  const pkg = (name: string, file: string, bytes: Uint8Array | Buffer) => {
    mkdirSync(join(root, 'node_modules', name, dirname(file)), { recursive: true })
    writeFileSync(join(root, 'node_modules', name, 'package.json'), JSON.stringify({ name, type: 'module' }))
    writeFileSync(join(root, 'node_modules', name, file), bytes)
  }
  pkg('renamed', 'dist/lib/engine.wasm', readFileSync(wasm))
  pkg('deep', 'lib/resize/pkg/deep_bg.wasm', readFileSync(wasm))
  // `(module)`: no imports, no producers section
  pkg('other', 'dist/other.wasm', new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'app', dependencies: { renamed: '*', deep: '*', other: '*' } }))
  expect(findWasmBindgenDeps(root).sort()).toEqual(['deep', 'renamed'])
})

describe.each(Object.entries(VITES))('%s', (_label, pkg) => {
  const load = () => import(pkg) as Promise<typeof import('vite')>

  it('SSR build: rendering with wasm-bindgen packages recovers from a trigger in Node', async () => {
    const vite = await load()
    const outDir = join(OUT_DIR, `vite-ssr-${pkg}`)
    rmSync(outDir, { recursive: true, force: true })
    await vite.build({
      root: TEST_DIR,
      configFile: false,
      logLevel: 'silent',
      plugins: [wasmRecovery()],
      build: { ssr: entry, outDir, rollupOptions: { output: { format: 'es', entryFileNames: 'entry.mjs' } } },
    })
    const { render } = await import(pathToFileURL(join(outDir, 'entry.mjs')).href)
    expect(render({ cropTo: 50 })).toEqual(expected)
  })

  it('dev server: SSR modules and browser requests both go through the rewrite; deps are not pre-bundled', async () => {
    const vite = await load()
    const server = await vite.createServer({
      root: TEST_DIR,
      configFile: false,
      logLevel: 'silent',
      plugins: [wasmRecovery()],
      server: { middlewareMode: true, hmr: false },
      appType: 'custom',
    })
    try {
      expect(server.config.optimizeDeps.exclude).toEqual(expect.arrayContaining(['@silvia-odwyer/photon', '@automerge/automerge-wasm']))
      const { render } = await server.ssrLoadModule(entry)
      expect(render({ cropTo: 50 })).toEqual(expected)
      // an edit to the app (HMR invalidates it) re-runs the app, not the glue: the same supervisor serves on
      server.moduleGraph.invalidateModule(server.moduleGraph.getModuleById(entry)!)
      const again = await server.ssrLoadModule(entry)
      expect(again.render({ cropTo: 50 }).stats).toEqual([
        ['photon_rs', 2, 2],
        ['wr_fixture', 2, 2],
      ])
      // an edit to the glue itself re-runs it: a new supervisor takes over (recoveryStats names the newest)
      const glueId = [...server.moduleGraph.idToModuleMap.keys()].find((id) => id.endsWith('photon_rs_bg.js'))!
      server.moduleGraph.invalidateAll()
      const third = await server.ssrLoadModule(entry)
      expect(glueId).toBeDefined()
      expect(third.render({ cropTo: 50 })).toEqual(expected)
      // what the browser gets for the glue: the rewritten module, its .wasm served from disk
      const glue = join(TEST_DIR, 'node_modules', '@silvia-odwyer', 'photon', 'photon_rs_bg.js')
      const served = await server.transformRequest('/@fs' + glue)
      expect(served?.code).toContain('__wbr_factory')
      expect(served?.code).not.toContain("from './photon_rs_bg.wasm'")
    } finally {
      await server.close()
    }
  })

  it('dev server: a package Node imports as CommonJS stays external to the SSR runner, which evaluates ES modules only', async () => {
    // before: "ReferenceError: require is not defined" from the rewritten tiktoken_bg.cjs
    const vite = await load()
    const server = await vite.createServer({ root: TEST_DIR, configFile: false, logLevel: 'silent', plugins: [wasmRecovery()], server: { middlewareMode: true, hmr: false }, appType: 'custom' })
    try {
      expect(server.config.ssr.noExternal).toEqual(expect.arrayContaining(['@silvia-odwyer/photon']))
      expect(server.config.ssr.noExternal).not.toContain('tiktoken')
      const { render } = await server.ssrLoadModule(join(TEST_DIR, 'scenarios', 'vite', 'ssr-cjs.mjs'))
      expect(render()).toEqual([31373, 995])
    } finally {
      await server.close()
    }
  })
})

it("SSR build: a package's own loader reading its .wasm by new URL(…, import.meta.url) gets the emitted file (@takumi-rs/wasm's node entry)", async () => {
  // before: the package was bundled for the plugin but its .wasm not emitted: "ENOENT … wr_fixture_bg.wasm"
  const root = join(OUT_DIR, 'vite-ssr-loader')
  rmSync(root, { recursive: true, force: true })
  const pkg = join(root, 'node_modules', 'loader-pkg')
  mkdirSync(join(pkg, 'pkg'), { recursive: true })
  const web = join(TEST_DIR, 'fixtures', 'wasm', 'abort', 'web')
  copyFileSync(join(web, 'wr_fixture.js'), join(pkg, 'pkg', 'wr_fixture.js'))
  copyFileSync(join(web, 'wr_fixture_bg.wasm'), join(pkg, 'pkg', 'wr_fixture_bg.wasm'))
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'loader-pkg', type: 'module', exports: { node: './node.mjs' } }))
  writeFileSync(join(pkg, 'node.mjs'), `import { readFileSync } from 'node:fs'
import { initSync } from './pkg/wr_fixture.js'
initSync({ module: readFileSync(new URL('./pkg/wr_fixture_bg.wasm', import.meta.url)) })
export { add, panic_now } from './pkg/wr_fixture.js'
`)
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'app', type: 'module', dependencies: { 'loader-pkg': '*' } }))
  writeFileSync(join(root, 'app.mjs'), `import { add, panic_now } from 'loader-pkg'
let panic
try { panic_now('x') } catch (e) { panic = e.name }
console.log('RESULT:' + JSON.stringify({ panic, after: add(2, 3) }))
`)
  const vite = await import('vite')
  await vite.build({ root, configFile: false, logLevel: 'silent', plugins: [wasmRecovery()], build: { ssr: join(root, 'app.mjs'), outDir: join(root, 'dist'), rollupOptions: { output: { entryFileNames: 'app.mjs' } } } })
  const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'dist', 'app.mjs')]).catch((e) => e)
  expect(JSON.parse(String(stdout).split('RESULT:')[1] ?? 'null'), String(stdout)).toEqual({ panic: 'WasmAbortError', after: 5 })
})

it('library mode, UMD: require() under Node loads it and it recovers (no import.meta in a format without one)', async () => {
  // before: "TypeError: Invalid URL" at load (`new URL(__dirname + '/./wr_fixture_bg.wasm', {}.url)`)
  const root = join(OUT_DIR, 'vite-lib-umd')
  rmSync(root, { recursive: true, force: true })
  mkdirSync(root, { recursive: true })
  writeFileSync(join(root, 'lib.mjs'), `export { add, panic_now } from ${JSON.stringify(join(TEST_DIR, 'fixtures/wasm/abort/bundler/wr_fixture.js'))}\nexport { ready } from '@wasm-recovery/runtime'\n`)
  const vite = await import('vite')
  await vite.build({ root, configFile: false, logLevel: 'silent', plugins: [wasmRecovery()], build: { outDir: join(root, 'dist'), lib: { entry: join(root, 'lib.mjs'), name: 'Lib', formats: ['umd', 'es'], fileName: 'lib' } } })
  const file = readdirSync(join(root, 'dist')).find((f) => f.startsWith('lib.umd'))!
  writeFileSync(join(root, 'run.cjs'), `const L = require(${JSON.stringify(join(root, 'dist', file))})
L.ready().then(() => { let panic; try { L.panic_now('x') } catch (e) { panic = e.name } console.log('RESULT:' + JSON.stringify({ panic, after: L.add(2, 3) })) })
`)
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(root, 'run.cjs')]).catch((e) => e)
  expect(JSON.parse(String(stdout).split('RESULT:')[1] ?? 'null'), String(stderr)).toEqual({ panic: 'WasmAbortError', after: 5 })
  // an app bundling the library's ES output: it is protected already, nothing to warn about (before: UNRECOGNISED)
  writeFileSync(join(root, 'app.mjs'), `export { add } from ${JSON.stringify(join(root, 'dist', 'lib.js'))}\n`)
  const warnings: string[] = []
  await vite.build({ root, configFile: false, logLevel: 'silent', plugins: [wasmRecovery()], build: { outDir: join(root, 'app-dist'), lib: { entry: join(root, 'app.mjs'), formats: ['es'], fileName: 'app' }, rollupOptions: { onwarn: (w) => void warnings.push(w.message) } } })
  expect(warnings.filter((w) => w.includes('WASM_RECOVERY'))).toEqual([])
})

it("a wasm package the app reaches only through another dependency: kept out of pre-bundling, and bundled in dev SSR with its parent", async () => {
  // before: pre-bundled into its parent in dev (unprotected, and a misleading WASM_RECOVERY_MISMATCH)
  const root = join(OUT_DIR, 'vite-transitive')
  rmSync(root, { recursive: true, force: true })
  const ui = join(root, 'node_modules', 'ui')
  mkdirSync(join(ui, 'node_modules', '@silvia-odwyer'), { recursive: true })
  symlinkSync(realpathSync(join(TEST_DIR, 'node_modules', '@silvia-odwyer', 'photon')), join(ui, 'node_modules', '@silvia-odwyer', 'photon'))
  writeFileSync(join(ui, 'package.json'), JSON.stringify({ name: 'ui', type: 'module', main: 'index.js', dependencies: { '@silvia-odwyer/photon': '*' } }))
  writeFileSync(join(ui, 'index.js'), "export { crop, PhotonImage } from '@silvia-odwyer/photon'\n")
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'app', type: 'module', dependencies: { ui: '*' } }))
  writeFileSync(join(root, 'entry.mjs'), `import { crop, PhotonImage } from 'ui'
export function render() {
  const img = new PhotonImage(new Uint8Array(64).fill(9), 4, 4)
  let first
  try { crop(img, 0, 0, 50, 50) } catch (e) { first = e.name }
  return { first, next: new PhotonImage(new Uint8Array(64), 4, 4).get_width() }
}
`)
  expect(findWasmBindgenDepTree(root)).toEqual({ deps: ['@silvia-odwyer/photon'], parents: ['ui'] })
  const vite = await import('vite')
  const server = await vite.createServer({ root, configFile: false, logLevel: 'silent', plugins: [wasmRecovery()], server: { middlewareMode: true, hmr: false }, appType: 'custom' })
  try {
    expect(server.config.optimizeDeps.exclude).toContain('@silvia-odwyer/photon')
    const { render } = await server.ssrLoadModule(join(root, 'entry.mjs'))
    expect(render()).toEqual({ first: 'WasmAbortError', next: 4 })
  } finally {
    await server.close()
  }
})

it("topLevelAwait: false — no top-level await in the output, exports usable after `await ready()`", async () => {
  const vite = await import('vite')
  const outDir = join(OUT_DIR, 'vite-no-tla')
  rmSync(outDir, { recursive: true, force: true })
  const app = join(OUT_DIR, 'vite-no-tla-src')
  mkdirSync(app, { recursive: true })
  writeFileSync(
    join(app, 'entry.mjs'),
    `import { add, panic_now } from ${JSON.stringify(join(TEST_DIR, 'fixtures/wasm/abort/bundler/wr_fixture.js'))}
import { ready } from '@wasm-recovery/runtime'
export async function run() {
  await ready()
  let name
  try { panic_now('x') } catch (e) { name = e.name }
  return [name, add(1, 2)]
}`,
  )
  await vite.build({
    root: TEST_DIR,
    configFile: false,
    logLevel: 'silent',
    plugins: [wasmRecovery({ topLevelAwait: false })],
    build: { ssr: join(app, 'entry.mjs'), outDir, rollupOptions: { output: { format: 'cjs', entryFileNames: 'entry.cjs' } } },
  })
  // a CommonJS bundle cannot hold top-level await: the build itself proves there is none
  expect(readFileSync(join(outDir, 'entry.cjs'), 'utf8')).toContain('__wbr_factory')
  const { run } = await import(pathToFileURL(join(outDir, 'entry.cjs')).href)
  expect(await run()).toEqual(['WasmAbortError', 3])
})

it("works when the app's own tests run under vitest with the plugin in its config", async () => {
  const dir = join(OUT_DIR, 'vitest-app')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const glue = join(TEST_DIR, 'fixtures/wasm/abort/bundler/wr_fixture.js')
  writeFileSync(
    join(dir, 'vitest.config.mjs'),
    `import wasmRecovery from '@wasm-recovery/vite'\nexport default { plugins: [wasmRecovery()], test: { include: ['app.test.mjs'] } }\n`,
  )
  writeFileSync(
    join(dir, 'app.test.mjs'),
    `import { expect, test } from 'vitest'
import { add, panic_now, Counter } from ${JSON.stringify(glue)}
test('a panic is a typed error and the module goes on', () => {
  const c = new Counter(1)
  expect(() => c.panic_in_mut()).toThrow(expect.objectContaining({ name: 'WasmAbortError', export: 'Counter.panic_in_mut' }))
  expect(() => c.increment()).toThrow(expect.objectContaining({ name: 'WasmStaleObjectError' }))
  expect(add(2, 2)).toBe(4)
  expect(() => panic_now('x')).toThrow(expect.objectContaining({ name: 'WasmAbortError' }))
})
`,
  )
  const vitest = join(TEST_DIR, 'node_modules', 'vitest', 'vitest.mjs')
  const { stdout } = await promisify(execFile)(process.execPath, [vitest, 'run', '--root', dir], { cwd: TEST_DIR, env: { ...process.env, NODE_PATH: join(TEST_DIR, 'node_modules') } })
  expect(stdout).toMatch(/1 passed/)
  expect(readdirSync(dir)).toContain('app.test.mjs')
})

it("a worker bundle in Vite's default worker.format ('iife', no top-level await) is said once; 'es' is not", async () => {
  const vite = await import('vite')
  const app = join(OUT_DIR, 'vite-worker-src')
  rmSync(app, { recursive: true, force: true })
  mkdirSync(app, { recursive: true })
  writeFileSync(join(app, 'worker.mjs'), `import { add } from ${JSON.stringify(join(TEST_DIR, 'fixtures/wasm/abort/bundler/wr_fixture.js'))}\nself.onmessage = () => self.postMessage(add(1, 2))\n`)
  writeFileSync(join(app, 'index.html'), '<script type="module" src="./main.mjs"></script>\n')
  writeFileSync(join(app, 'main.mjs'), "new Worker(new URL('./worker.mjs', import.meta.url), { type: 'module' }).postMessage(0)\n")
  const warningsOf = async (format: 'iife' | 'es' | undefined) => {
    const warnings: string[] = []
    await vite.build({
      root: app,
      configFile: false,
      logLevel: 'silent',
      plugins: [wasmRecovery()],
      ...(format ? { worker: { format } } : {}),
      build: { outDir: join(OUT_DIR, `vite-worker-${format ?? 'default'}`), emptyOutDir: true, rollupOptions: { onwarn: (w) => void warnings.push(w.message) } },
    })
    return warnings.filter((w) => /WASM_RECOVERY_/.test(w))
  }
  expect(await warningsOf(undefined)).toEqual([expect.stringMatching(/WASM_RECOVERY_NO_TOP_LEVEL_AWAIT: a worker bundle is 'iife'.*format: 'es'/)])
  expect(await warningsOf('es')).toEqual([])
})
