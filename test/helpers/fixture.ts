import { copyFileSync } from 'node:fs'
import { expect } from 'vitest'
import { join } from 'node:path'
import { bundle, runNode, writeEntry, FIXTURES, TEST_DIR, type Bundler, type BundleOptions, type RunResult } from './bundle.js'

/** The targets of our fixture crate a Node bundle can carry, and the output format each needs. */
export const NODE_TARGETS = ['bundler', 'web', 'nodejs', 'deno', 'module', 'experimental-nodejs-module', 'no-modules'] as const

export function fixtureGlue(build: 'abort' | 'unwind' | 'reset-state', target: string): string {
  return join(FIXTURES, build, target, 'wr_fixture.js')
}

/** A Node bundle's entry running scenarios/bundlers/recover.mjs on one fixture target, with no top-level await of its own (every format can carry it). */
export function entryFor(target: 'bundler' | 'web' | 'nodejs'): string {
  return writeEntry(
    `bundlers-${target}`,
    `import * as m from ${JSON.stringify(fixtureGlue('abort', target))}
import run, { report } from ${JSON.stringify(join(TEST_DIR, 'scenarios', 'bundlers', 'recover.mjs'))}
run(m, ${target === 'web'}).then(report, (e) => report({ error: String((e && e.stack) || e) }))
`,
  )
}

/** What a bundle of `entryFor(target)` must report: built without a plugin warning, typed aborts, recovery, stale objects. */
export function expectRecovered(warnings: string[], run: RunResult, target: 'bundler' | 'web' | 'nodejs'): void {
  expect(warnings.filter((w) => /wasm-recovery|WASM_RECOVERY/.test(w)), 'no plugin warning').toEqual([])
  const r = run.result
  expect(r, run.stderr || run.stdout).toBeDefined()
  expect(r.error, r.error).toBeUndefined()
  expect(run.code, run.stderr).toBe(0)
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
}

/**
 * Bundles `scenario` (a module under test/scenarios exporting `default async (m) => result`) against
 * one fixture build/target, runs it in Node and returns what it reported.
 */
export async function runFixtureScenario(
  bundler: Bundler,
  build: 'abort' | 'unwind' | 'reset-state',
  target: string,
  scenario: string,
  options: BundleOptions & { preload?: string; initWithBytes?: boolean } = {},
) {
  const plain = options.plugin === false
  // untouched web glue cannot find its .wasm in Node by itself: hand it the bytes, as an app would
  const bytes = plain || options.initWithBytes
  const wasm = fixtureGlue(build, target).replace(/\.js$/, '_bg.wasm')
  const name = `${scenario}-${build}-${target}${options.plugin === false ? '-plain' : ''}${options.plugin ? '-' + JSON.stringify(options.plugin).replace(/\W+/g, '') : ''}`
  const entry = writeEntry(
    name,
    `${options.preload ? `import ${JSON.stringify(join(TEST_DIR, 'scenarios', options.preload))}\n` : ''}import ${target === 'no-modules' ? 'm' : '* as m'} from ${JSON.stringify(fixtureGlue(build, target))}
import { readFileSync } from 'node:fs'
import run from ${JSON.stringify(join(TEST_DIR, 'scenarios', `${scenario}.mjs`))}
;(async () => {
  ${!/web|no-modules/.test(target) ? '' : bytes ? `m.initSync({ module: readFileSync(${JSON.stringify(wasm)}) })` : target === 'web' ? 'await m.default()' : 'await m()'}
  const r = await run(m)
  console.log('RESULT:' + JSON.stringify(r))
})()
`,
  )
  // esbuild's ESM output cannot require() inside CommonJS glue: the nodejs target goes out as CommonJS
  // (and without the plugin its glue reads the .wasm beside the bundle through __dirname, as in a CommonJS app)
  const format = options.format ?? ((bundler === 'esbuild' || plain) && target === 'nodejs' ? 'cjs' : 'esm')
  const b = await bundle(bundler, name, entry, { ...options, format })
  if (plain && target === 'nodejs') copyFileSync(wasm, join(b.dir, 'wr_fixture_bg.wasm'))
  const run = await runNode(b.file)
  return { ...run, warnings: b.warnings, bundle: b }
}
