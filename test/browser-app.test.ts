// Real packages in Chromium through Vite (build + a static server). @cf-wasm/photon's `others` entry: the
// app hands the wasm over itself (`initPhoton(fetch(url))`); one .wasm only is emitted, the app's own.
// loro-crdt's base64 build: its wasm inlined, instantiated by the package itself; no .wasm emitted. With the
// plugin a trap is a typed error, the next call works, held objects are stale; without it the trap is raw.
// And a package whose only wasm is inlined, through Vite's dev server: nothing tells Vite to leave it out of
// its dep optimizer, so the plugin meets the pre-bundled copy (node_modules/.vite/deps).
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { basename, extname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build, createServer as viteServer } from 'vite'
import wasmRecovery from '@wasm-recovery/vite'
import { OUT_DIR, TEST_DIR } from './helpers/bundle.js'
import { launchChromium, type Browser } from './helpers/browser.js'
import { makeShape, SHAPES } from './helpers/shapes.js'

const APP = join(TEST_DIR, 'scenarios', 'cf-photon-app')
const LORO_APP = join(TEST_DIR, 'scenarios', 'loro-app')
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' }

async function buildApp(plugin: boolean, root = APP): Promise<string> {
  const outDir = join(OUT_DIR, `${basename(root)}${plugin ? '' : '-plain'}`)
  await build({ root, logLevel: 'silent', plugins: plugin ? [wasmRecovery()] : [], build: { outDir, emptyOutDir: true } })
  return outDir
}

function serve(dir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url!, 'http://x').pathname)
    try {
      const body = readFileSync(join(dir, path === '/' ? 'index.html' : path))
      res.writeHead(200, { 'content-type': TYPES[extname(path) || '.html'] ?? 'application/octet-stream' }).end(body)
    } catch {
      res.writeHead(404).end()
    }
  })
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r({ server, url: `http://127.0.0.1:${(server.address() as any).port}/` })))
}

let browser: Browser
const servers: Server[] = []
beforeAll(async () => {
  browser = await launchChromium()
}, 120_000)
afterAll(async () => {
  await browser?.close()
  for (const s of servers) s.close()
})

async function resultOf(dir: string) {
  const { url, server } = await serve(dir)
  servers.push(server)
  const page = await browser.context.newPage()
  await page.goto(url)
  await page.waitForFunction(() => (window as any).__result !== undefined, undefined, { timeout: 30_000 })
  const r = await page.evaluate(() => (window as any).__result)
  await page.close()
  return r
}

const wasmFiles = (dir: string) => readdirSync(join(dir, 'assets')).filter((f) => f.endsWith('.wasm'))

describe('@cf-wasm/photon others entry (the app supplies the wasm) in Chromium, built by Vite', () => {
  it('with the plugin: typed abort, the next crop works, the held image is stale; one .wasm emitted', async () => {
    const dir = await buildApp(true)
    expect(wasmFiles(dir)).toHaveLength(1)
    const r = await resultOf(dir)
    expect(r.error).toBeUndefined()
    expect(r).toMatchObject({
      before: { ok: true, value: 2 },
      trigger: { ok: false, name: 'WasmAbortError', module: 'photon_rs', export: 'crop' },
      fresh: { ok: true, value: 3 },
      stale: { ok: false, name: 'WasmStaleObjectError', module: 'photon_rs' },
      staleFree: { ok: true },
    })
  }, 120_000)

  it('without the plugin: the same page meets the raw trap', async () => {
    const dir = await buildApp(false)
    const r = await resultOf(dir)
    expect(r.before).toEqual({ ok: true, value: 2 })
    expect(r.trigger).toMatchObject({ ok: false, name: 'RuntimeError' })
  }, 120_000)
})

describe('loro-crdt base64 build in Chromium, built by Vite', () => {
  it('with the plugin: typed abort, a fresh document works, the held map is stale; no .wasm emitted', async () => {
    const dir = await buildApp(true, LORO_APP)
    expect(wasmFiles(dir)).toEqual([])
    const r = await resultOf(dir)
    expect(r.error).toBeUndefined()
    expect(r).toMatchObject({
      before: { ok: true, value: '{"a":1}' },
      trigger: { ok: false, name: 'WasmAbortError', module: 'loro-crdt', export: 'LoroMap.set' },
      fresh: { ok: true, value: '{"x":{"k":"v"}}' },
      stale: { ok: false, name: 'WasmStaleObjectError', module: 'loro-crdt' },
    })
  }, 120_000)

  it('without the plugin: the same page meets the raw trap, and the fresh document fails too', async () => {
    const r = await resultOf(await buildApp(false, LORO_APP))
    expect(r.before).toEqual({ ok: true, value: '{"a":1}' })
    expect(r.trigger).toMatchObject({ ok: false, name: 'RuntimeError' })
    expect(r.fresh.ok).toBe(false)
  }, 120_000)
})

describe("a package whose only wasm is inlined (minified), through Vite's dev server in Chromium", () => {
  it('the dep optimizer pre-bundles it, and the pre-bundled copy is protected: typed abort, next call works, held object stale', async () => {
    const root = join(OUT_DIR, 'dev-inline-app')
    rmSync(root, { recursive: true, force: true })
    const pkg = join(root, 'node_modules', 'inline-pkg')
    mkdirSync(pkg, { recursive: true })
    cpSync(await makeShape(SHAPES.find((s) => s.name === 'bundler-inline-rollup-minified')!, join(OUT_DIR, 'shapes-browser')), join(pkg, 'index.mjs'))
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'inline-pkg', version: '1.0.0', type: 'module', main: 'index.mjs' }))
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'dev-inline-app', private: true, type: 'module', dependencies: { 'inline-pkg': '1.0.0' } }))
    writeFileSync(join(root, 'index.html'), '<!doctype html><html><body><script type="module" src="./main.js"></script></body></html>')
    writeFileSync(join(root, 'main.js'), `import { add, panic_now, Counter } from 'inline-pkg'
const out = (f) => { try { return { ok: true, value: f() } } catch (e) { return { ok: false, name: e?.name } } }
const held = new Counter(1)
window.__result = { add: out(() => add(1, 2)), panic: out(() => panic_now('x')), after: out(() => add(2, 3)), stale: out(() => held.increment()) }
`)
    const server = await viteServer({ root, configFile: false, logLevel: 'silent', plugins: [wasmRecovery()], server: { port: 0, host: '127.0.0.1' } })
    await server.listen()
    try {
      const page = await browser.context.newPage()
      await page.goto(server.resolvedUrls!.local[0]!)
      await page.waitForFunction(() => (window as any).__result !== undefined, undefined, { timeout: 30_000 })
      const r = await page.evaluate(() => (window as any).__result)
      await page.close()
      expect(readdirSync(join(root, 'node_modules', '.vite', 'deps'))).toContain('inline-pkg.js')
      expect(r).toEqual({
        add: { ok: true, value: 3 },
        panic: { ok: false, name: 'WasmAbortError' },
        after: { ok: true, value: 5 },
        stale: { ok: false, name: 'WasmStaleObjectError' },
      })
    } finally {
      await server.close()
    }
  }, 120_000)
})
