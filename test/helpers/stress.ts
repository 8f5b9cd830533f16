import { copyFileSync, realpathSync } from 'node:fs'
import { join } from 'node:path'
import { bundle, runNode, writeEntry, TEST_DIR, type BundleOptions, type RunResult } from './bundle.js'

/** A file of an installed package, resolved from the test workspace (no export-map conditions involved). */
export function pkgFile(pkg: string, file: string): string {
  return join(realpathSync(join(TEST_DIR, 'node_modules', pkg)), file)
}

export interface StressRun {
  /** Output directory name under test/.out. */
  name: string
  /** The glue (or package entry) the bundle imports as `m`. */
  glue: string
  /** A file under test/scenarios/stress, without `.mjs`: `export default async (m, params) => report`. */
  scenario: string
  /** Handed to the scenario as JSON. */
  params: Record<string, unknown>
  /** Plugin options; `false` bundles without the plugin. Default: the plugin with default options. */
  plugin?: BundleOptions['plugin']
  format?: 'esm' | 'cjs'
  /** web target: `await m.default()` (no argument: with the plugin, the plugin's own loaded module). */
  init?: boolean
  /** Without the plugin, a CommonJS glue reads its .wasm beside itself (`__dirname`): copy it there. */
  copyWasm?: string
  timeoutMs?: number
}

export interface StressResult extends RunResult {
  /** Wall time of the child process, bundling excluded. */
  wallMs: number
}

/** Bundles one stress scenario with esbuild for Node and runs it in its own process (a crash is a non-zero exit). */
export async function runStress(o: StressRun): Promise<StressResult> {
  const entry = writeEntry(
    `stress-${o.name}`,
    `import * as m from ${JSON.stringify(o.glue)}
import run from ${JSON.stringify(join(TEST_DIR, 'scenarios', 'stress', `${o.scenario}.mjs`))}
;(async () => {
  ${o.init ? 'await m.default()' : ''}
  const r = await run(m, ${JSON.stringify(o.params)})
  console.log('RESULT:' + JSON.stringify(r))
})()
`,
  )
  const b = await bundle('esbuild', `stress-${o.name}`, entry, { plugin: o.plugin ?? {}, format: o.format ?? 'esm' })
  if (o.copyWasm) copyFileSync(o.copyWasm, join(b.dir, o.copyWasm.split('/').pop()!))
  const t0 = performance.now()
  const r = await runNode(b.file, o.timeoutMs ?? 300_000)
  return { ...r, wallMs: Math.round(performance.now() - t0) }
}

/** One line for the test log: what a run measured. */
export function summary(label: string, r: StressResult): string {
  const v = r.result ?? {}
  const mb = (n: number | undefined) => (n === undefined ? '?' : `${Math.round(n / 2 ** 20)} MB`)
  return (
    `[stress] ${label}: exit ${r.code}, ${v.iterations ?? '?'} iterations, child wall ${r.wallMs} ms ` +
    `(loop ${v.loopMs ?? '?'} ms), ordinary ok ${v.ordinaryOk ?? '?'}, trigger aborts ${v.triggerAbort ?? '?'}, ` +
    `stats ${JSON.stringify(v.stats)}, rss end ${mb(v.rssEnd)} / peak ${mb(v.rssPeak)}` +
    (v.firstOrdinaryFailure ? `, first failing ordinary call at index ${v.firstOrdinaryFailure.index}: ${v.firstOrdinaryFailure.message}` : '')
  )
}
