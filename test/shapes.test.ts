// The shape matrix: our fixture's web glue as packagers really publish it (re-bundled with a wrapper by
// esbuild / Rollup / rolldown, minified by esbuild / terser, the wasm inlined as base64), made by running
// those tools (test/helpers/shapes.ts), then bundled by an app with Rollup and esbuild, with the wasm
// handed over as a Module, bytes, a Response or a URL (and through Vite's SSR build, one kind each). With
// the plugin: typed abort, next call works, held objects stale, finalizers safe; without it the same app:
// the same results where nothing trapped.
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { vi } from 'vitest'
import { beforeAll, describe, expect, it } from 'vitest'
import { bundle, runNode, semaphore, writeEntry, BUNDLERS, TEST_DIR, type Bundler, type BundleResult } from './helpers/bundle.js'
import { build as buildWith, outDir } from './helpers/build-map.js'
import { makeShape, SHAPES, WEB_WASM, type Shape } from './helpers/shapes.js'

/** Each initWasm shape meets every kind of supplied wasm once across the two bundlers (quick subset). */
const SUPPLY = ['module', 'buffer', 'arraybuffer', 'uint8array', 'response', 'promise', 'url', 'string']
const limit = semaphore(2)

function entry(shape: Shape, file: string, plugin: boolean): string {
  const app = join(TEST_DIR, 'scenarios', 'shapes', 'app.mjs')
  const j = JSON.stringify
  // a script for a <script> tag exports nothing to a bundle: without the plugin it runs as a script would
  const load = shape.global && !plugin
    ? `import { readFileSync } from 'node:fs'\nimport vm from 'node:vm'\nvm.runInThisContext(readFileSync(${j(file)}, 'utf8'))\nconst m = globalThis[${j(shape.global)}]`
    : `import * as m from ${j(file)}` +
      // with it, the module's exports, and the script's global set as the script sets it
      (shape.global ? `\nif (globalThis[${j(shape.global)}]?.initWasm !== m.initWasm) throw new Error('global ${shape.global} is not the module')` : '')
  return writeEntry(
    `shape-${shape.name}${plugin ? '' : '-plain'}`,
    `import { decodes } from ${j(join(dirname(app), 'count-decodes.mjs'))}
${load}
import { run } from ${j(app)}
const r = await run(${shape.init === 'namespace' ? 'm.default' : 'm'}, ${j(WEB_WASM)}, process.argv[2], process.argv[3])
r.decodes = decodes.count
console.log('RESULT:' + JSON.stringify(r))
`,
  )
}

async function build(shape: Shape, file: string, bundler: Bundler, plugin: boolean) {
  const spy = vi.spyOn(console, 'log').mockImplementation(() => {})
  try {
    const b = await bundle(bundler, `shape-${shape.name}${plugin ? '' : '-plain'}`, entry(shape, file, plugin), { plugin: plugin ? { debug: true } : false })
    const debug = spy.mock.calls.map((c) => c.map(String).join(' ')).filter((l) => l.startsWith('[wasm-recovery]'))
    return { ...b, debug }
  } finally {
    spy.mockRestore()
  }
}

const run = (b: BundleResult, kind: string, module: string) => limit(() => runNode(b.file, 60_000, [kind, module]))

describe.each(SHAPES.map((s) => [s.name, s] as const))('%s', (_, shape) => {
  let file: string
  beforeAll(async () => {
    file = await makeShape(shape)
  })

  describe.each(BUNDLERS)('%s', (bundler) => {
    const kinds = shape.init === 'none' || shape.init === 'namespace' ? ['none'] : SUPPLY.filter((_, i) => i % 2 === BUNDLERS.indexOf(bundler))
    let mine: Awaited<ReturnType<typeof build>>
    let plain: Awaited<ReturnType<typeof build>>
    beforeAll(async () => {
      // one after the other: each captures the debug lines logged while it builds
      mine = await build(shape, file, bundler, true)
      plain = await build(shape, file, bundler, false)
    })

    if (!shape.protected) {
      it('left untouched with a coded warning, and works as without the plugin', async () => {
        const ours = mine.warnings.filter((w) => /WASM_RECOVERY_/.test(`${w.code} ${w.message}`))
        expect(ours.length, JSON.stringify(mine.warnings)).toBeGreaterThan(0)
        expect(ours[0]!.message).toMatch(/index\.c?mjs|index\.cjs/)
        const [a, b] = await Promise.all([run(mine, kinds[0]!, 'wr_fixture'), run(plain, kinds[0]!, 'wr_fixture')])
        expect(a.result, a.stderr).toBeDefined()
        expect(a.result).toEqual(b.result)
      })
      return
    }

    it(`detected as ${shape.target ?? 'web'} glue, without warnings`, () => {
      expect(mine.debug.some((l) => l.includes(`: wasm-bindgen glue, target ${shape.target ?? 'web'} `) && /(index(\.min)?|_bg)\.c?m?js:/.test(l)), mine.debug.join('\n')).toBe(true)
      expect(mine.warnings.filter((w) => /WASM_RECOVERY_/.test(`${w.code} ${w.message}`))).toEqual([])
      // the package brings its wasm inline: the .wasm it ships beside is not emitted as a second copy
      if (shape.init === 'namespace') expect(readdirSync(dirname(mine.file)).filter((f) => f.endsWith('.wasm'))).toEqual([])
    })

    it.each(kinds)('wasm supplied as %s: typed abort, recovery, stale objects, the same results otherwise', async (kind) => {
      const [a, b] = await Promise.all([run(mine, kind, shape.module), run(plain, kind, shape.module)])
      const r = a.result
      expect(r, a.stderr.slice(-3000)).toBeDefined()
      expect(a.code).toBe(0)
      if (shape.init !== 'none') expect(r.init).toBe('ok')
      expect(r.add).toEqual({ ok: true, value: 3 })
      expect(r.panic).toMatchObject({ ok: false, name: 'WasmAbortError', module: shape.module, export: 'panic_now', causeName: 'RuntimeError' })
      expect(r.afterPanic).toEqual({ ok: true, value: 5 })
      expect(r.stale).toMatchObject({ ok: false, name: 'WasmStaleObjectError', module: shape.module })
      expect(r.staleFree).toMatchObject({ ok: true })
      expect(r.oom).toMatchObject({ ok: false, name: 'WasmAbortError', export: 'alloc_huge' })
      expect(r.afterOom).toEqual({ ok: true, value: 42 })
      expect(r.events).toEqual(['abort', 'reinit', 'abort', 'reinit'])
      expect(r.uncaught).toEqual([])
      // a package that decodes its inlined wasm itself does so once: recoveries take the cached Module
      if (shape.target === 'bundler-inline') expect(r.decodes).toBe(1)
      // the wrapper's own state is kept as the package defines it: a second init is refused
      if (shape.init === 'initWasm') expect(r.secondInit).toMatch(/Already initialized/)
      // nothing that works without the plugin changes with it
      const base = b.result
      expect(base, b.stderr.slice(-3000)).toBeDefined()
      for (const k of ['init', 'add', 'greet', 'increment', 'secondInit']) expect(r[k], k).toEqual(base[k])
      for (const k of ['fresh', 'callback']) if (base[k].ok) expect(r[k], k).toEqual(base[k])
      expect(base.panic).toMatchObject({ ok: false, name: 'RuntimeError' })
    })
  })
})

// The same shapes through Vite (an SSR build for Node, the adapter with default options): one supply
// kind each (the quick subset), with and without the plugin.
describe.each(SHAPES.filter((s) => s.protected).map((s) => [s.name, s] as const))('%s, Vite', (_, shape) => {
  it('typed abort, recovery, stale objects, the same results otherwise', async () => {
    const file = await makeShape(shape)
    const kind = shape.init === 'none' || shape.init === 'namespace' ? 'none' : 'module'
    const built = async (plugin: boolean) => {
      const spy = vi.spyOn(console, 'log').mockImplementation(() => {})
      try {
        const dir = outDir('shape-vite', shape.name, plugin ? 'plugin' : 'plain')
        const b = await (plugin ? buildWith.vite : buildPlainVite)(entry(shape, file, plugin), dir, { format: 'es', platform: 'node', plugin: { debug: true } })
        return { ...b, debug: spy.mock.calls.map((c) => c.map(String).join(' ')).filter((l) => l.startsWith('[wasm-recovery]')) }
      } finally {
        spy.mockRestore()
      }
    }
    const mine = await built(true)
    const plain = await built(false)
    expect(mine.debug.some((l) => l.includes(`: wasm-bindgen glue, target ${shape.target ?? 'web'} `) && /(index(\.min)?|_bg)\.c?m?js:/.test(l)), mine.debug.join('\n')).toBe(true)
    expect(mine.warnings.filter((w) => /WASM_RECOVERY_/.test(w))).toEqual([])
    const [a, b] = await Promise.all([runNode(mine.file, 60_000, [kind, shape.module]), runNode(plain.file, 60_000, [kind, shape.module])])
    const r = a.result
    expect(r, a.stderr.slice(-3000)).toBeDefined()
    expect(r.panic).toMatchObject({ ok: false, name: 'WasmAbortError', module: shape.module, export: 'panic_now' })
    expect(r.afterPanic).toEqual({ ok: true, value: 5 })
    expect(r.stale).toMatchObject({ ok: false, name: 'WasmStaleObjectError' })
    expect(r.uncaught).toEqual([])
    expect(b.result, b.stderr.slice(-3000)).toBeDefined()
    for (const k of ['init', 'add', 'greet', 'increment']) expect(r[k], k).toEqual(b.result[k])
    expect(b.result.panic).toMatchObject({ ok: false, name: 'RuntimeError' })
  })
})

/** Vite's SSR build of the same entry without the plugin. */
async function buildPlainVite(entryFile: string, dir: string): Promise<{ file: string; dir: string; warnings: string[] }> {
  const { build: viteBuild } = await import('vite')
  await viteBuild({ configFile: false, logLevel: 'silent', build: { outDir: dir, emptyOutDir: false, minify: false, ssr: entryFile, rollupOptions: { input: entryFile, output: { format: 'es', entryFileNames: 'entry.mjs', inlineDynamicImports: true } } } })
  return { file: join(dir, 'entry.mjs'), dir, warnings: [] }
}
