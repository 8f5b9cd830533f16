// One scenario through every bundler × output format, run in a child Node: the plugin's defaults must
// work everywhere (issue 13). A browser check of one IIFE build per bundler follows.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runNode, semaphore } from './helpers/bundle.js'
import { build, outDir, type BundlerName, type Format } from './helpers/build-map.js'
import { entryFor, expectRecovered } from './helpers/fixture.js'

const FORMATS: Record<BundlerName, Format[]> = {
  webpack: ['es', 'cjs', 'iife', 'umd'],
  rspack: ['es', 'cjs', 'iife', 'umd'],
  rolldown: ['es', 'cjs', 'iife'],
  esbuild: ['es', 'cjs', 'iife'],
  rollup: ['es', 'cjs', 'iife', 'umd'],
  // Vite: an SSR build for Node
  vite: ['es', 'cjs'],
}
const limit = semaphore(2)
// bundler: top-level await or not; web: the app's init() loads the emitted file; nodejs: CommonJS glue
const TARGETS = ['bundler', 'web', 'nodejs'] as const
const cells = (Object.keys(FORMATS) as BundlerName[]).flatMap((b) => FORMATS[b].flatMap((f) => TARGETS.map((t) => [b, f, t] as const)))

describe('every bundler × format, Node, default options', () => {
  it.concurrent.each(cells)('%s %s, target %s', async (bundler, format, target) => {
    const out = await limit(async () => {
      const b = await build[bundler](entryFor(target), outDir(bundler, format, target), { format, platform: 'node' })
      return { b, run: await runNode(b.file, 30_000) }
    })
    const { b, run } = out
    expectRecovered(b.warnings, run, target)
    // the first instance is awaited at top level exactly where the format has top-level await
    // (webpack and Rspack: also IIFE, but not a CommonJS/UMD library, whose exports would become a Promise)
    if (target === 'bundler') expect(TLA.test(readFileSync(b.file, 'utf8'))).toBe(format === 'es' || (format === 'iife' && /pack/.test(bundler)))
  })
})

const TLA = /await __wbr(\$\d+)?\.start\(\)/

describe('webpack and Rspack handle the .wasm as their own asset', () => {
  it.each(['webpack', 'rspack'] as const)('%s: a content-hashed file under output.path, its URL from publicPath', async (bundler) => {
    const publicPath = 'https://cdn.example/static/'
    const b = await build[bundler](entryFor('web'), outDir(bundler, 'public-path'), { format: 'iife', platform: 'browser', output: { publicPath } })
    const wasm = readdirSync(b.dir).filter((f) => f.endsWith('.wasm'))
    expect(wasm).toEqual([expect.stringMatching(/^[0-9a-f]{16,}\.wasm$/)])
    const code = readFileSync(b.file, 'utf8')
    expect(code).toContain(JSON.stringify(publicPath))
    expect(code).toContain(JSON.stringify(wasm[0]))
  })

  // ES glue names its .wasm itself (new URL in the glue); CommonJS glue through a data: module: one copy either way
  it.each(['webpack', 'rspack'] as const)('%s: CommonJS glue (nodejs target) too, one .wasm only', async (bundler) => {
    const b = await build[bundler](entryFor('nodejs'), outDir(bundler, 'cjs-glue-asset'), { format: 'cjs', platform: 'node' })
    expect(readdirSync(b.dir).filter((f) => f.endsWith('.wasm'))).toEqual([expect.stringMatching(/^[0-9a-f]{16,}\.wasm$/)])
  })
})

describe('the output format decides, not an option', () => {
  it('Rollup: one build written as ES and as CommonJS (the transform cannot know the format)', async () => {
    const { rollup } = await import('rollup')
    const { default: wasmRecovery } = await import('@wasm-recovery/rollup')
    const bundle = await rollup({ input: { entry: entryFor('bundler') }, plugins: [wasmRecovery()] })
    const dir = outDir('rollup-twice')
    await bundle.write({ dir, format: 'es', entryFileNames: '[name].mjs' })
    await bundle.write({ dir, format: 'cjs', entryFileNames: '[name].cjs' })
    await bundle.close()
    for (const ext of ['mjs', 'cjs']) {
      const file = join(dir, `entry.${ext}`)
      expect(TLA.test(readFileSync(file, 'utf8')), ext).toBe(ext === 'mjs')
      const { result: r, stderr } = await runNode(file, 30_000)
      expect(r?.panicInMut, stderr).toEqual(expect.objectContaining({ ok: false, name: 'WasmAbortError' }))
      expect(r.afterPanic).toEqual({ ok: true, value: 5 })
    }
  })

  it('Rollup: a minifier listed before the plugin — the top-level await is still re-added (renderChunk order pre)', async () => {
    const { rollup } = await import('rollup')
    const { minify } = await import('terser')
    const { default: wasmRecovery } = await import('@wasm-recovery/rollup')
    const terser = { name: 'terser', renderChunk: async (code: string) => (await minify(code, { module: true })).code! }
    const bundle = await rollup({ input: { entry: entryFor('bundler') }, plugins: [terser, wasmRecovery()] })
    const dir = outDir('rollup-minified')
    await bundle.write({ dir, format: 'es', entryFileNames: '[name].mjs' })
    await bundle.close()
    const code = readFileSync(join(dir, 'entry.mjs'), 'utf8')
    expect(code).not.toContain('__WASM_RECOVERY_ASSET_')
    expect(code).toMatch(/await [\w$]+\.start\(\)/)
    const { result: r, stderr } = await runNode(join(dir, 'entry.mjs'), 30_000)
    expect(r?.panicInMut, stderr).toEqual(expect.objectContaining({ ok: false, name: 'WasmAbortError' }))
    expect(r.afterSecond).toEqual({ ok: true, value: 42 })
  })

  it.each(['webpack', 'rspack'] as const)('%s: a CommonJS library stays synchronous (its exports are no Promise)', async (bundler) => {
    const b = await build[bundler](entryFor('bundler'), outDir(bundler, 'cjs-library'), { format: 'cjs', platform: 'node' })
    const probe = join(b.dir, 'probe.cjs')
    writeFileSync(probe, "const x = require('./entry.cjs'); console.log('RESULT:' + JSON.stringify({ promise: x instanceof Promise }))\n")
    expect((await runNode(probe, 30_000)).result).toEqual({ promise: false })
  })

  it("esbuild without `format`: its own default (cjs for platform node) gets no top-level await", async () => {
    const esbuild = await import('esbuild')
    const { default: wasmRecovery } = await import('@wasm-recovery/esbuild')
    const dir = outDir('esbuild-default-format')
    await esbuild.build({ entryPoints: { entry: entryFor('bundler') }, outdir: dir, bundle: true, platform: 'node', logLevel: 'silent', plugins: [wasmRecovery()] })
    const file = join(dir, 'entry.js')
    expect(TLA.test(readFileSync(file, 'utf8'))).toBe(false)
    const { result: r, stderr } = await runNode(file, 30_000)
    expect(r?.panicInMut, stderr).toEqual(expect.objectContaining({ ok: false, name: 'WasmAbortError' }))
    // ES output for a target without top-level await (esbuild would reject it)
    const esm = outDir('esbuild-esm-no-tla')
    const opts = { entryPoints: { entry: entryFor('bundler') }, outdir: esm, bundle: true, platform: 'node', format: 'esm', logLevel: 'silent', outExtension: { '.js': '.mjs' } } as const
    await esbuild.build({ ...opts, supported: { 'top-level-await': false }, plugins: [wasmRecovery()] })
    expect(TLA.test(readFileSync(join(esm, 'entry.mjs'), 'utf8'))).toBe(false)
  })

  it('`topLevelAwait: false` still means none in ES output; `true` keeps it (and its error) in CommonJS', async () => {
    const off = await build.rolldown(entryFor('bundler'), outDir('rolldown-tla-off'), { format: 'es', platform: 'node', plugin: { topLevelAwait: false } })
    expect(TLA.test(readFileSync(off.file, 'utf8'))).toBe(false)
    expect((await runNode(off.file, 30_000)).result?.afterPanic).toEqual({ ok: true, value: 5 })
    await expect(build.esbuild(entryFor('bundler'), outDir('esbuild-tla-on'), { format: 'cjs', platform: 'node', plugin: { topLevelAwait: true } })).rejects.toThrow(
      /Top-level await is currently not supported with the "cjs" output format/,
    )
  })
})

/** Static files with the types a browser insists on (application/wasm for compileStreaming). */
async function serve(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const { createServer } = await import('node:http')
  const { readFile } = await import('node:fs/promises')
  const types: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html', '.wasm': 'application/wasm' }
  const server = createServer(async (req, res) => {
    const path = join(root, decodeURIComponent(new URL(req.url!, 'http://x').pathname))
    try {
      const body = await readFile(path)
      res.writeHead(200, { 'content-type': types[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream' }).end(body)
    } catch {
      res.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const addr = server.address() as { port: number }
  return { url: `http://127.0.0.1:${addr.port}`, close: () => new Promise((resolve) => server.close(() => resolve())) }
}

// the page lives in another folder than the script: the .wasm must be found relative to the script
describe('one IIFE build per bundler in Chromium', () => {
  const bundlers = Object.keys(FORMATS) as BundlerName[]
  it('every bundler: typed abort, next call works, held object stale; exports wait for ready() without TLA', async () => {
    const root = outDir('browser')
    const { writeFileSync } = await import('node:fs')
    writeFileSync(join(root, 'index.html'), '<!doctype html><meta charset="utf-8"><title>wasm-recovery</title>\n')
    const cells = bundlers.flatMap((b) => (['bundler', 'web'] as const).map((t) => [b, t] as const))
    for (const [bundler, target] of cells) {
      const dir = join(root, `${bundler}-${target}`)
      await build[bundler](entryFor(target), dir, { format: 'iife', platform: 'browser' })
    }
    const { launchChromium, openPage } = await import('./helpers/browser.js')
    const server = await serve(root)
    const browser = await launchChromium()
    try {
      for (const [bundler, target] of cells) {
        const w = await openPage(browser.context)
        await w.page.goto(`${server.url}/index.html`)
        await w.page.addScriptTag({ url: `${server.url}/${bundler}-${target}/entry.js` })
        const r = await w.page.waitForFunction(() => (globalThis as any).__wrResult, undefined, { timeout: 15_000 }).then((h) => h.jsonValue(), () => undefined)
        const label = `${bundler} ${target}: ${w.pageErrors.join('\n')} ${w.console.join('\n')}`
        expect(r, label).toBeDefined()
        expect(r.error, label).toBeUndefined()
        // webpack and Rspack keep top-level await in IIFE output (async modules); the others cannot
        const tla = bundler === 'webpack' || bundler === 'rspack'
        if (target === 'bundler')
          expect(r.immediate, label).toEqual(tla ? { ok: true, value: 3 } : expect.objectContaining({ ok: false, name: 'WasmUnavailableError', reason: 'recovering' }))
        expect(r.panicInMut, label).toEqual(expect.objectContaining({ ok: false, name: 'WasmAbortError', export: 'Counter.panic_in_mut' }))
        expect(r.afterPanic, label).toEqual({ ok: true, value: 5 })
        expect(r.stale, label).toEqual(expect.objectContaining({ ok: false, name: 'WasmStaleObjectError' }))
        expect(r.panic, label).toEqual(expect.objectContaining({ ok: false, name: 'WasmAbortError', panicMessage: 'boom' }))
        expect(r.afterSecond, label).toEqual({ ok: true, value: 42 })
        expect(w.pageErrors, label).toEqual([])
        await w.page.close()
      }
    } finally {
      await browser.close()
      await server.close()
    }
  }, 150_000)
})
