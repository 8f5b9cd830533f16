// webpack and Rspack in development mode with watch, as `webpack --watch` / `rspack dev` run them: the first
// build and a rebuild after the app's entry changed both protect the glue (typed abort, next call works,
// held object stale), for the fixture's bundler and web targets, Node output (CommonJS).
import { copyFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import wasmRecoveryRspack from '@wasm-recovery/rspack'
import wasmRecoveryWebpack from '@wasm-recovery/webpack'
import { describe, expect, it } from 'vitest'
import { TEST_DIR, runNode } from './helpers/bundle.js'
import { outDir } from './helpers/build-map.js'
import { fixtureGlue } from './helpers/fixture.js'

const SCENARIO = join(TEST_DIR, 'scenarios', 'bundlers', 'recover.mjs')
const entrySource = (target: string, n: number) => `// rebuild ${n}
import * as m from ${JSON.stringify(fixtureGlue('abort', target))}
import run, { report } from ${JSON.stringify(SCENARIO)}
run(m, ${target === 'web'}).then(report, (e) => report({ error: String((e && e.stack) || e) }))
`

describe.each(['webpack', 'rspack'] as const)('%s in watch mode (development)', (bundler) => {
  it.each(['bundler', 'web'])('target %s: the first build and a rebuild recover', async (target) => {
    const dir = outDir(`${bundler}-watch`, target)
    const entry = join(dir, 'src.mjs')
    writeFileSync(entry, entrySource(target, 0))
    const config = {
      mode: 'development',
      context: dir,
      entry: { entry },
      target: 'node',
      devtool: false,
      output: { path: join(dir, 'dist'), filename: 'entry.cjs', library: { type: 'commonjs2' } },
      plugins: [bundler === 'webpack' ? wasmRecoveryWebpack() : wasmRecoveryRspack()],
      watchOptions: { aggregateTimeout: 50 },
    }
    const factory: any = bundler === 'webpack' ? ((await import('webpack')) as any).default : (await import('@rspack/core')).rspack
    const results: any[] = []
    let rebuilt!: () => void
    const second = new Promise<void>((r) => (rebuilt = r))
    let first!: () => void
    const firstDone = new Promise<void>((r) => (first = r))
    const compiler = factory(config)
    const watching = compiler.watch({ aggregateTimeout: 50 }, async (err: Error | null, stats: any) => {
      if (err || stats.hasErrors()) results.push({ error: String(err ?? stats.toJson({ all: false, errors: true }).errors.map((e: any) => e.message).join('\n')) })
      else {
        // a copy per build: the watcher may write the next one while this one runs
        const file = join(dir, `run-${results.length}.cjs`)
        copyFileSync(join(dir, 'dist', 'entry.cjs'), file)
        results.push(file)
      }
      if (results.length === 1) first()
      if (results.length === 2) rebuilt()
    })
    try {
      await firstDone
      // the app's entry changes: the watcher rebuilds
      writeFileSync(entry, entrySource(target, 1))
      await Promise.race([second, new Promise((_, reject) => setTimeout(() => reject(new Error('no rebuild within 60 s')), 60_000))])
    } finally {
      await new Promise<void>((r) => watching.close(() => r()))
    }
    for (const [i, f] of results.entries()) {
      expect(typeof f, JSON.stringify(f)).toBe('string')
      // the bundle reads its .wasm from dist/ (webpack's own asset): run it there
      copyFileSync(f, join(dir, 'dist', `run-${i}.cjs`))
      const { result: r, stderr } = await runNode(join(dir, 'dist', `run-${i}.cjs`), 30_000)
      expect(r?.panicInMut, `build ${i}: ${stderr.slice(-2000)}`).toMatchObject({ ok: false, name: 'WasmAbortError', export: 'Counter.panic_in_mut' })
      expect(r.afterPanic).toEqual({ ok: true, value: 5 })
      expect(r.stale).toMatchObject({ ok: false, name: 'WasmStaleObjectError' })
    }
  }, 120_000)
})
