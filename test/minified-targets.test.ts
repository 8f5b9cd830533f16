// The fixture's bundler and nodejs glue minified by the packagers' tools (esbuild, terser), as a package
// that ships minified glue publishes it (the web target's minified and re-bundled forms are in the shape
// matrix, shapes.test.ts). What survives minification identifies it: bundler glue keeps its export names
// (`__wbg_set_wasm`), nodejs glue its top-level instantiation. Bundled with Rollup, esbuild and Vite: the
// same outcomes as the unminified glue; without the plugin the minified package computes what it did.
import { execFileSync } from 'node:child_process'
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as esbuild from 'esbuild'
import { minify } from 'terser'
import { beforeAll, describe, expect, it } from 'vitest'
import { detectGlue } from '../packages/core/src/detect/glue.js'
import { OUT_DIR, TEST_DIR, runNode, writeEntry } from './helpers/bundle.js'
import { build, outDir, type BundlerName } from './helpers/build-map.js'
import { fixtureGlue } from './helpers/fixture.js'

const SCENARIO = join(TEST_DIR, 'scenarios', 'bundlers', 'recover.mjs')
const TOOLS = ['esbuild', 'terser'] as const
/** The files each target's package ships, and whether they are ES modules. */
const FILES = { bundler: { files: ['wr_fixture_bg.js', 'wr_fixture.js'], esm: true }, nodejs: { files: ['wr_fixture.js'], esm: false } }
type Target = keyof typeof FILES

async function minifyFile(file: string, tool: (typeof TOOLS)[number], esm: boolean): Promise<void> {
  const code = readFileSync(file, 'utf8')
  if (tool === 'esbuild') {
    const r = await esbuild.transform(code, { minify: true, format: esm ? 'esm' : 'cjs', platform: 'node' })
    writeFileSync(file, r.code)
  } else {
    const r = await minify(code, { module: esm, toplevel: true, compress: true, mangle: true })
    writeFileSync(file, r.code!)
  }
}

/** A copy of the fixture's package for `target`, its JS minified in place by `tool`: the file an app imports. */
async function minifiedPackage(target: Target, tool: (typeof TOOLS)[number]): Promise<string> {
  const dir = join(OUT_DIR, 'minified-targets', `${target}-${tool}`)
  rmSync(dir, { recursive: true, force: true })
  cpSync(join(fixtureGlue('abort', target), '..'), dir, { recursive: true })
  for (const f of FILES[target].files) await minifyFile(join(dir, f), tool, FILES[target].esm)
  return join(dir, 'wr_fixture.js')
}

const cases = (Object.keys(FILES) as Target[]).flatMap((t) => TOOLS.map((tool) => [t, tool] as const))

describe.each(cases)('%s glue minified by %s', (target, tool) => {
  let glue: string
  beforeAll(async () => {
    glue = await minifiedPackage(target, tool)
  })

  it('detected by what survives minification (fast layer: no bundling)', () => {
    const file = target === 'bundler' ? glue.replace(/\.js$/, '_bg.js') : glue
    const code = readFileSync(file, 'utf8')
    expect(code).not.toMatch(/function (passStringToWasm0|getStringFromWasm0)\b/) // minified indeed
    expect(detectGlue(file, code)).toMatchObject({ kind: 'glue', target, bindgenVersion: '0.2.108' })
  })

  it.each(['rollup', 'esbuild', 'vite'] as BundlerName[])('bundled with %s: typed aborts, the next call works, stale objects typed', async (bundler) => {
    const entry = writeEntry(
      `minified-${target}-${tool}`,
      `import * as m from ${JSON.stringify(glue)}\nimport run, { report } from ${JSON.stringify(SCENARIO)}\nrun(m, false).then(report, (e) => report({ error: String((e && e.stack) || e) }))\n`,
    )
    const b = await build[bundler](entry, outDir('minified', target, tool, bundler), { format: 'es', platform: 'node' })
    expect(b.warnings.filter((w) => /wasm-recovery|WASM_RECOVERY/.test(w))).toEqual([])
    const { result: r, stderr } = await runNode(b.file, 30_000)
    expect(r, stderr).toBeDefined()
    expect(r.error, r.error).toBeUndefined()
    expect(r.add).toEqual({ ok: true, value: 3 })
    expect(r.increment).toEqual({ ok: true, value: 6 })
    expect(r.panicInMut).toMatchObject({ ok: false, name: 'WasmAbortError', export: 'Counter.panic_in_mut' })
    expect(r.afterPanic).toEqual({ ok: true, value: 5 })
    expect(r.stale).toMatchObject({ ok: false, name: 'WasmStaleObjectError', export: 'Counter.increment' })
    expect(r.fresh).toEqual({ ok: true, value: 2 })
    expect(r.panic).toMatchObject({ ok: false, name: 'WasmAbortError', export: 'panic_now', panicMessage: 'boom' })
    expect(r.afterSecond).toEqual({ ok: true, value: 42 })
    expect(r.stats).toEqual({ generation: 2, aborts: 2, state: 'live' })
  })

  if (target === 'nodejs')
    it('without the plugin the minified package computes what it did (run as shipped)', () => {
      const probe = `const m = require(${JSON.stringify(glue)}); const c = new m.Counter(5); console.log(JSON.stringify([m.add(1, 2), c.increment(), m.greet('x')]))`
      const plain = execFileSync(process.execPath, ['-e', probe.replace(JSON.stringify(glue), JSON.stringify(fixtureGlue('abort', 'nodejs')))], { encoding: 'utf8' })
      expect(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' })).toBe(plain)
      expect(JSON.parse(plain)[0]).toBe(3)
    })
})
