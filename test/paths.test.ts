// Folder names bundlers could mistake for a query or hash (`C# app`, `a?b`, `100% done`), spaces and
// non-ASCII: the glue there is found, rewritten and recovers, with Rollup and esbuild (issue 12). And an
// app whose node_modules is a symlink to a folder elsewhere (a shared or mounted folder), with webpack and
// Rspack (Rspack read a virtual module by its real path there, and failed; bundler, web and CommonJS glue).
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { bundle, runNode, writeEntry, BUNDLERS, OUT_DIR } from './helpers/bundle.js'
import { fixtureGlue } from './helpers/fixture.js'
import { build, outDir } from './helpers/build-map.js'

const FOLDERS = ['C# app', 'a?b', '100% done', 'ünïcödé ✓ dir']
const root = join(OUT_DIR, 'paths')

const entry = (glue: string, web: boolean) => `import * as m from ${JSON.stringify(glue)}
const out = (f) => { try { return { ok: true, value: f() } } catch (e) { return { ok: false, name: e.name, export: e.export } } }
${web ? 'await m.default()' : ''}
const c = new m.Counter(1)
const r = { add: out(() => m.add(1, 2)), panic: out(() => m.panic_now('x')), after: out(() => m.add(2, 2)), stale: out(() => c.increment()) }
console.log('RESULT:' + JSON.stringify(r))
`

beforeAll(() => rmSync(root, { recursive: true, force: true }))

describe.each(FOLDERS)('%s', (folder) => {
  describe.each(['bundler', 'web'])('%s glue', (target) => {
    it.each(BUNDLERS)('%s: rewritten, no warning, recovers', async (bundler) => {
      const dir = join(root, `${bundler}-${target}`, folder, 'pkg')
      mkdirSync(dir, { recursive: true })
      cpSync(join(fixtureGlue('abort', target), '..'), dir, { recursive: true })
      const name = `paths-${bundler}-${target}-${FOLDERS.indexOf(folder)}`
      const b = await bundle(bundler, name, writeEntry(name, entry(join(dir, 'wr_fixture.js'), target === 'web')))
      expect(b.warnings.filter((w) => /WASM_RECOVERY|ENOENT/.test(`${w.code} ${w.message}`))).toEqual([])
      const r = await runNode(b.file)
      expect(r.result, r.stderr).toEqual({
        add: { ok: true, value: 3 },
        panic: { ok: false, name: 'WasmAbortError', export: 'panic_now' },
        after: { ok: true, value: 4 },
        stale: { ok: false, name: 'WasmStaleObjectError', export: 'Counter.increment' },
      })
    })
  })
})

describe('node_modules a symlink to a folder elsewhere', () => {
  const base = join(OUT_DIR, 'paths-linked')
  beforeAll(() => {
    rmSync(base, { recursive: true, force: true })
    for (const target of ['bundler', 'web', 'nodejs']) cpSync(join(fixtureGlue('abort', target), '..'), join(base, 'shared', `wr-fixture-${target}`), { recursive: true })
    mkdirSync(join(base, 'app'), { recursive: true })
    symlinkSync(join(base, 'shared'), join(base, 'app', 'node_modules'), 'dir')
  })

  describe.each(['bundler', 'web', 'nodejs'])('%s glue', (target) => {
    it.each(['webpack', 'rspack'] as const)('%s: builds, no warning, recovers', async (bundler) => {
      const file = join(base, 'app', `entry-${target}.mjs`)
      writeFileSync(file, entry(`wr-fixture-${target}/wr_fixture.js`, target === 'web'))
      // the app's folder as the compiler's context, as in a user's config: unplugin keeps its virtual modules under its node_modules
      const b = await build[bundler](file, outDir('paths-linked', bundler, target), { format: 'es', platform: 'node', context: join(base, 'app') })
      expect(b.warnings.filter((w) => /WASM_RECOVERY|ENOENT|Error/.test(w))).toEqual([])
      const r = await runNode(b.file)
      expect(r.result, r.stderr).toMatchObject({ panic: { ok: false, name: 'WasmAbortError' }, after: { ok: true, value: 4 }, stale: { ok: false, name: 'WasmStaleObjectError' } })
    })
  })
})
