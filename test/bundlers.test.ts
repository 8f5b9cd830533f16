// One scenario through every bundler × output format, run in a child Node: the plugin's defaults must
// work everywhere (issue 13). A browser check of one IIFE build per bundler follows.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TEST_DIR, runNode, semaphore, writeEntry } from './helpers/bundle.js'
import { build, outDir, type BundlerName, type Format } from './helpers/build-map.js'
import { fixtureGlue } from './helpers/fixture.js'

const FORMATS: Record<BundlerName, Format[]> = {
  webpack: ['es', 'cjs', 'iife', 'umd'],
  rspack: ['es', 'cjs', 'iife', 'umd'],
  rolldown: ['es', 'cjs', 'iife'],
  esbuild: ['es', 'cjs', 'iife'],
  rollup: ['es', 'cjs', 'iife', 'umd'],
}
const TARGETS = ['bundler', 'web'] as const
const SCENARIO = join(TEST_DIR, 'scenarios', 'bundlers', 'recover.mjs')

/** The entry: no top-level await of its own, so that every format can carry it. */
export function entryFor(target: (typeof TARGETS)[number]): string {
  return writeEntry(
    `bundlers-${target}`,
    `import * as m from ${JSON.stringify(fixtureGlue('abort', target))}
import run, { report } from ${JSON.stringify(SCENARIO)}
run(m, ${target === 'web'}).then(report, (e) => report({ error: String((e && e.stack) || e) }))
`,
  )
}

const limit = semaphore(2)
const cells = (Object.keys(FORMATS) as BundlerName[]).flatMap((b) => FORMATS[b].flatMap((f) => TARGETS.map((t) => [b, f, t] as const)))

describe('every bundler × format, Node, default options', () => {
  it.concurrent.each(cells)('%s %s, target %s', async (bundler, format, target) => {
    const out = await limit(async () => {
      const b = await build[bundler](entryFor(target), outDir(bundler, format, target), { format, platform: 'node' })
      return { b, run: await runNode(b.file, 30_000) }
    })
    const { b, run } = out
    expect(b.warnings.filter((w) => /wasm-recovery/.test(w)), 'no plugin warning').toEqual([])
    const r = run.result
    expect(r, run.stderr || run.stdout).toBeDefined()
    expect(r.error, r.error).toBeUndefined()
    expect(r.immediate).toEqual(target === 'web' ? { ok: true, value: 'init' } : { ok: true, value: 3 })
    expect(r.add).toEqual({ ok: true, value: 3 })
    expect(r.increment).toEqual({ ok: true, value: 6 })
    expect(r.panicInMut).toEqual(expect.objectContaining({ ok: false, name: 'WasmAbortError', export: 'Counter.panic_in_mut' }))
    expect(r.afterPanic).toEqual({ ok: true, value: 5 })
    expect(r.stale).toEqual(expect.objectContaining({ ok: false, name: 'WasmStaleObjectError', export: 'Counter.increment' }))
    expect(r.fresh).toEqual({ ok: true, value: 2 })
    expect(r.panic).toEqual(expect.objectContaining({ ok: false, name: 'WasmAbortError', export: 'panic_now', panicMessage: 'boom' }))
    expect(r.afterSecond).toEqual({ ok: true, value: 42 })
    expect(r.stats).toEqual({ generation: 2, aborts: 2, state: 'live' })
  })
})
