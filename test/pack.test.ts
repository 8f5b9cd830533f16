// The packages as a user gets them before they are published: `npm run pack`'s tarballs, installed with
// plain npm into fresh apps under the system's temp dir (outside the workspace), built by Vite, esbuild
// and Rollup with the configs the README shows (ES and CommonJS forms), and run: photon's panic is a
// WasmAbortError by `instanceof` (from the adapter the app installed and from the runtime) in Vite's
// dev server and preview in Chromium, and in Node for esbuild and Rollup. Also: `npm publish --dry-run`
// of each tarball, and no path of the build machine in any output. Types: test/pack-types.test.ts.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, type Browser } from './helpers/browser.js'
import { ROOT, closure, filesContaining, npmInstall, packAll, scratch, sh, startVite, tarRead, type Tarball } from './helpers/pack.js'

const APPS = join(ROOT, 'test/scenarios/pack-apps')
const PIN: Record<string, string> = JSON.parse(readFileSync(join(ROOT, 'test/package.json'), 'utf8')).devDependencies
const pin = (name: string) => `${name}@${PIN[name]}`
/** Log lines the plugin would write: none may appear for a supported package. */
const PLUGIN_WARNING = /WASM_RECOVERY_|\[wasm-recovery\]/
const MISSING_SOURCES = /points to missing source files/

let base: string
let tarballs: Tarball[]
let vite: string, esb: string, rollup: string
let browser: Browser | undefined

/** An app folder: its package.json, the files named (from test/scenarios/pack-apps), the trigger for its adapter. */
function app(name: string, adapter: string, files: Record<string, string>, type = 'module'): string {
  const dir = join(base, name)
  mkdirSync(join(dir, 'src'), { recursive: true })
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true, type }, null, 2))
  for (const [to, from] of Object.entries(files)) cpSync(join(APPS, from), join(dir, to))
  writeFileSync(join(dir, 'src/trigger.js'), readFileSync(join(APPS, 'trigger.js'), 'utf8').replace('__ADAPTER__', adapter))
  return dir
}

// photon's trigger, as the page or the Node bundle reports it
function expectRecovered(r: any) {
  expect(r.trigger).toMatchObject({ name: 'WasmAbortError', module: 'photon_rs', adapterInstanceof: true, runtimeInstanceof: true })
  expect(r.nextWidth).toBe(4)
  expect(r.events).toEqual(expect.arrayContaining(['abort']))
}
/** The build machine's paths: the app's folder, the scratch root, the workspace. */
const machinePaths = (dir: string) => [dir, base, ROOT]

beforeAll(async () => {
  base = scratch('wr-pack-')
  tarballs = await packAll(join(base, 'tarballs'))
  vite = app('vite-app', '@wasm-recovery/vite', { 'index.html': 'index.html', 'src/main.js': 'vite-main.js', 'vite.config.js': 'vite.config.js', 'vite.config.cjs': 'vite.config.cjs' })
  // a CommonJS project: esbuild's default output for Node is CommonJS, in dist/index.js
  esb = app('esbuild-app', '@wasm-recovery/esbuild', { 'src/index.js': 'node-main.js', 'build.cjs': 'build.cjs' }, 'commonjs')
  rollup = app('rollup-app', '@wasm-recovery/rollup', { 'src/index.js': 'node-main.js', 'rollup.config.mjs': 'rollup.config.mjs' })
  // each app gets the adapter's tarball closure only (adapter, core, runtime), as the README says
  await Promise.all([
    npmInstall(vite, [...closure(tarballs, '@wasm-recovery/vite'), pin('vite'), pin('@silvia-odwyer/photon')]),
    npmInstall(esb, [...closure(tarballs, '@wasm-recovery/esbuild'), pin('esbuild'), pin('@silvia-odwyer/photon')]),
    npmInstall(rollup, [...closure(tarballs, '@wasm-recovery/rollup'), pin('rollup'), pin('@rollup/plugin-node-resolve'), pin('@rollup/plugin-commonjs'), pin('@silvia-odwyer/photon')]),
  ])
}, 300_000)
afterAll(async () => {
  await browser?.close()
  if (base) rmSync(base, { recursive: true, force: true })
})

describe('npm run pack', () => {
  it('writes one tarball per package, versions written out, README and LICENSE in each', () => {
    const names = tarballs.map((t) => t.name).sort()
    expect(names).toEqual(['@wasm-recovery/esbuild', '@wasm-recovery/node', '@wasm-recovery/rollup', '@wasm-recovery/rspack', '@wasm-recovery/runtime', '@wasm-recovery/unplugin', '@wasm-recovery/vite', '@wasm-recovery/webpack'])
    for (const t of tarballs) {
      expect(tarRead(t.file, 'package/package.json'), t.name).not.toContain('workspace:')
      expect(tarRead(t.file, 'package/README.md'), t.name).toMatch(/## Install[\s\S]*## Usage/)
      expect(tarRead(t.file, 'package/LICENSE'), t.name).toContain('MIT License')
      expect(t.manifest.repository?.url, t.name).toBeTruthy()
      for (const [dep, range] of Object.entries<string>(t.manifest.dependencies ?? {})) if (dep.startsWith('@wasm-recovery/')) expect(range).toBe(tarballs.find((x) => x.name === dep)!.version)
    }
  })

  it('every shipped source map resolves: its sources are in the tarball or inlined', async () => {
    for (const t of tarballs) {
      const files = new Set((await sh(base, 'tar', ['-tzf', t.file])).out.split('\n').map((f) => f.replace(/^package\//, '')))
      for (const f of [...files].filter((f) => f.endsWith('.map'))) {
        const m = JSON.parse(tarRead(t.file, `package/${f}`))
        m.sources.forEach((s: string, i: number) => {
          if (typeof m.sourcesContent?.[i] === 'string') return
          expect(files.has(join(f, '..', s)), `${t.name} ${f} → ${s}`).toBe(true)
        })
      }
    }
  })

  it('npm publish --dry-run accepts each tarball, as a public package', async () => {
    for (const t of tarballs) {
      const r = await sh(base, 'npm', ['publish', '--dry-run', t.file])
      expect(r.code, r.out).toBe(0)
      expect(r.out).toContain(`+ ${t.name}@${t.version}`)
      expect(r.out).toContain('public access')
    }
  }, 120_000)
})

describe('a fresh Vite app (vite.config.js as in the README)', () => {
  const page = async (url: string) => {
    browser ??= await launchChromium()
    const p = await browser.context.newPage()
    const errors: string[] = []
    p.on('pageerror', (e) => errors.push(String(e)))
    await p.goto(url)
    await p.waitForFunction(() => (window as any).__result !== undefined, undefined, { timeout: 60_000 }).catch(() => {})
    const r = await p.evaluate(() => (window as any).__result)
    await p.close()
    expect(r, `page errors: ${errors.join(' | ')}`).toBeDefined()
    return r
  }

  it('vite build: no plugin warning, the .wasm emitted, no build-machine path in dist/', async () => {
    const r = await sh(vite, process.execPath, ['node_modules/vite/bin/vite.js', 'build'])
    expect(r.code, r.out).toBe(0)
    expect(r.out).not.toMatch(PLUGIN_WARNING)
    expect((await sh(vite, 'ls', ['dist/assets'])).out).toMatch(/photon_rs_bg-[\w-]+\.wasm/)
    expect(filesContaining(join(vite, 'dist'), machinePaths(vite))).toEqual([])
  }, 180_000)

  it('vite preview in Chromium: photon recovers, instanceof WasmAbortError holds', async () => {
    const server = await startVite(vite, ['preview'])
    try {
      expectRecovered(await page(server.url))
      expect(server.output()).not.toMatch(PLUGIN_WARNING)
    } finally {
      await server.stop()
    }
  }, 180_000)

  it('vite dev in Chromium: the same, with one runtime on the page; no plugin or sourcemap warning', async () => {
    rmSync(join(vite, 'node_modules/.vite'), { recursive: true, force: true })
    const server = await startVite(vite, [])
    try {
      expectRecovered(await page(server.url))
      await new Promise((r) => setTimeout(r, 500)) // late log lines of the transform
      expect(server.output()).not.toMatch(PLUGIN_WARNING)
      expect(server.output()).not.toMatch(MISSING_SOURCES)
    } finally {
      await server.stop()
    }
  }, 180_000)

  it('vite.config.cjs (require() of the adapter, as the README shows it) builds with the plugin', async () => {
    const r = await sh(vite, process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'vite.config.cjs'])
    expect(r.code, r.out).toBe(0)
    expect(r.out).not.toMatch(PLUGIN_WARNING)
    const js = (await sh(vite, 'sh', ['-c', 'cat dist-cjs/assets/*.js'])).out
    expect(js).toContain('wasm-recovery') // the rewritten glue, not photon's own
    expect(filesContaining(join(vite, 'dist-cjs'), machinePaths(vite))).toEqual([])
  }, 180_000)
})

describe('a fresh esbuild app (a CommonJS build script, as in the README)', () => {
  it('builds, recovers in Node, and holds no build-machine path', async () => {
    const b = await sh(esb, process.execPath, ['build.cjs'])
    expect(b.code, b.out).toBe(0)
    expect(b.out).not.toMatch(PLUGIN_WARNING)
    const r = await sh(esb, process.execPath, ['dist/index.js'])
    expect(r.code, r.out).toBe(0)
    expectRecovered(JSON.parse(r.out.trim().split('\n').pop()!))
    expect(filesContaining(join(esb, 'dist'), machinePaths(esb))).toEqual([])
  }, 120_000)
})

describe('a fresh Rollup app (rollup.config.mjs as in the README)', () => {
  it('builds, recovers in Node, and holds no build-machine path', async () => {
    const b = await sh(rollup, process.execPath, ['node_modules/rollup/dist/bin/rollup', '-c'])
    expect(b.code, b.out).toBe(0)
    expect(b.out).not.toMatch(PLUGIN_WARNING)
    const r = await sh(rollup, process.execPath, ['dist/index.js'])
    expect(r.code, r.out).toBe(0)
    expectRecovered(JSON.parse(r.out.trim().split('\n').pop()!))
    expect(filesContaining(join(rollup, 'dist'), machinePaths(rollup))).toEqual([])
  }, 120_000)
})
