// A package's own loader over wasm-bindgen glue (tiktoken's `node` entry, tiktoken.cjs: fs + __dirname,
// new WebAssembly.Instance, __wbg_set_wasm): the bundle carries the wasm itself — it runs with the
// package's folder deleted — in ESM and CJS output of Rollup and esbuild, and recovers.
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { bundle, runNode, writeEntry, BUNDLERS, OUT_DIR, TEST_DIR } from './helpers/bundle.js'

const entry = (pkg: string) => `import * as t from ${JSON.stringify(join(pkg, 'tiktoken.cjs'))}
const out = (f) => { try { return { ok: true, value: Array.from(f()) } } catch (e) { return { ok: false, name: e.name, export: e.export } } }
const enc = t.get_encoding('gpt2')
const r = { before: out(() => enc.encode('hello world')) }
r.trigger = out(() => enc.decode(new Uint32Array([999999999])))
r.fresh = out(() => t.get_encoding('gpt2').encode('hello world'))
r.stale = out(() => enc.encode('hello world'))
console.log('RESULT:' + JSON.stringify(r))
`

describe.each(BUNDLERS)('%s', (bundler) => {
  it.each(['esm', 'cjs'] as const)('%s output: self-contained, recovers', async (format) => {
    // a private copy of the package, deleted before the bundle runs
    const pkg = join(OUT_DIR, 'loader-pkg', `${bundler}-${format}`, 'node_modules', 'tiktoken')
    rmSync(join(pkg, '..', '..'), { recursive: true, force: true })
    mkdirSync(pkg, { recursive: true })
    cpSync(join(TEST_DIR, 'node_modules', 'tiktoken'), pkg, { recursive: true, dereference: true })
    const name = `loader-${bundler}-${format}`
    const b = await bundle(bundler, name, writeEntry(name, entry(pkg)), { format })
    expect(b.warnings.filter((w) => /WASM_RECOVERY/.test(`${w.code} ${w.message}`))).toEqual([])
    rmSync(join(pkg, '..', '..'), { recursive: true, force: true })
    // run it where no node_modules lies up the tree (the loader searches every parent folder for one)
    const away = mkdtempSync(join(tmpdir(), 'wr-loader-'))
    cpSync(b.dir, away, { recursive: true })
    const r = await runNode(join(away, basename(b.file)))
    rmSync(away, { recursive: true, force: true })
    expect(r.result, r.stderr.slice(-2000)).toEqual({
      before: { ok: true, value: [31373, 995] },
      trigger: { ok: false, name: 'WasmAbortError', export: 'Tiktoken.decode' },
      fresh: { ok: true, value: [31373, 995] },
      stale: { ok: false, name: 'WasmStaleObjectError', export: 'Tiktoken.encode' },
    })
    expect(r.code).toBe(0)
  })
})
