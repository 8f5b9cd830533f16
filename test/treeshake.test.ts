import { mkdirSync, writeFileSync } from 'node:fs'
import { join, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import wasmRecovery from '@wasm-recovery/esbuild'
import * as esbuild from 'esbuild'
import { describe, expect, it } from 'vitest'
import { keptWrappers } from './bench/treeshake.mjs'
import { OUT_DIR, TEST_DIR } from './helpers/bundle.js'

// photon 0.3.11 (bundler target, `sideEffects: false`): an app importing two of its ~120 exports
const PHOTON = join(TEST_DIR, 'node_modules', '@silvia-odwyer', 'photon')
const GLUE = join(PHOTON, 'photon_rs_bg.js')
const IMPORTED = ['crop', 'PhotonImage']

async function build(plugin: boolean) {
  const dir = join(OUT_DIR, 'treeshake')
  mkdirSync(dir, { recursive: true })
  const entry = join(dir, 'entry.mjs')
  writeFileSync(entry, [
    `import { crop, PhotonImage } from ${JSON.stringify(join(PHOTON, 'photon_rs.js'))}`,
    'const img = new PhotonImage(new Uint8Array(4 * 4 * 4).fill(200), 4, 4)',
    'console.log(crop(img, 0, 0, 2, 2).get_width())',
    '',
  ].join('\n'))
  const r = await esbuild.build({
    entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, metafile: true,
    outdir: join(dir, plugin ? 'with' : 'without'), logLevel: 'silent',
    // without the plugin photon's `import * as wasm from './photon_rs_bg.wasm'` stays an import
    ...(plugin ? { plugins: [wasmRecovery()] } : { external: ['*.wasm'] }),
  })
  const code = r.outputFiles.filter((f) => f.path.endsWith('.js')).map((f) => f.text).join('')
  const runtime = Object.keys(r.metafile.inputs).some((p) => p.split(/[\\/]/).join(sep).includes(`${sep}runtime${sep}dist${sep}`))
  return { code, runtime, ...keptWrappers(GLUE, IMPORTED, code) }
}

describe('tree-shaking: photon imported for crop + PhotonImage, esbuild minified', () => {
  it('the measure tells wrappers apart: without the plugin none of the other exports stays, and what is imported does', async () => {
    const without = await build(false)
    expect(without.checked, 'exports with a wasm call of their own').toBeGreaterThan(100)
    expect(without.kept).toEqual([])
    // the imported ones are there, by the same measure (their wasm calls)
    expect(keptWrappers(GLUE, ['PhotonImage'], without.code).kept).toContain('crop')
    const withPlugin = await build(true)
    expect(withPlugin.runtime, 'the plugin build contains the runtime (the glue was rewritten)').toBe(true)
    expect(keptWrappers(GLUE, ['PhotonImage'], withPlugin.code).kept).toContain('crop')
  })

  it('with the plugin the bundle carries only the wrappers of what was imported', async () => {
    const withPlugin = await build(true)
    expect(withPlugin.runtime).toBe(true)
    expect(withPlugin.checked, 'exports told apart in the bundle with the runtime').toBeGreaterThan(100)
    expect(withPlugin.kept, `${withPlugin.kept.length} of ${withPlugin.checked} unimported wrappers kept`).toEqual([])
  })

  it('the tree-shaken bundle still recovers: a panic in crop, then crop on a fresh instance', async () => {
    const dir = join(OUT_DIR, 'treeshake', 'run')
    mkdirSync(dir, { recursive: true })
    const entry = join(dir, 'entry.mjs')
    writeFileSync(entry, [
      `import { crop, PhotonImage } from ${JSON.stringify(join(PHOTON, 'photon_rs.js'))}`,
      'const img = () => new PhotonImage(new Uint8Array(4 * 4 * 4).fill(200), 4, 4)',
      'let failed',
      'try { crop(img(), 3, 3, 1, 1) } catch (e) { failed = { name: e.name, export: e.export } }',
      'globalThis.result = { failed, width: crop(img(), 0, 0, 2, 2).get_width() }',
      '',
    ].join('\n'))
    await esbuild.build({
      entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'node', outdir: join(dir, 'out'),
      plugins: [wasmRecovery()], logLevel: 'silent',
    })
    await import(pathToFileURL(join(dir, 'out', 'entry.js')).href)
    expect((globalThis as any).result).toEqual({ failed: { name: 'WasmAbortError', export: 'crop' }, width: 2 })
  })
})
