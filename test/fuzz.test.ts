// Trap-injection fuzz: "a panic fails one call, never the app", under attack.
//
// REAL wasm-bindgen modules (photon, automerge, our fixture) are instrumented with binaryen
// (helpers/inject.ts) so that any function can trap (`unreachable`) at its Nth entry: aborts at arbitrary
// depths inside real Rust code holding real borrows, in internal functions the plugin never sees (only
// exports are guarded, so the trap reaches the guard as a RuntimeError through some export). The
// instrumented .wasm sits next to a copy of the package's glue (the import section is unchanged, so the
// plugin pairs them as usual); it is bundled with esbuild + @wasm-recovery/esbuild and run in child
// processes, one per batch of runs (scenarios/fuzz/run.mjs says what each run checks).
//
// Seeded and reproducible. Environment (scripts/fuzz.sh sets them for long runs):
//   FUZZ_SEED      master seed (default: a fixed one, so `npm test` is repeatable)
//   FUZZ_RUNS      runs per package (default 100 in `npm test`; scripts/fuzz.sh: 1000)
//   FUZZ_FROM      index of the first run (default 0): with FUZZ_RUNS, replays exactly one batch
//   FUZZ_BATCH     runs per child process (default 50)
//   FUZZ_PACKAGES  comma-separated subset of: photon, automerge, fixture, fixture-web
//   FUZZ_POLICY    comma-separated subset of: reinit, rollback (default both; each bundles the packages
//                  with that plugin policy and runs its driver: scenarios/fuzz/run.mjs, run-rollback.mjs)
//   FUZZ_REPLAY    comma-separated run seeds to replay alone (printed with every failure)
//   FUZZ_REPORT    a file to write the JSON summary to
import { mkdirSync, readFileSync, readdirSync, realpathSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURES, OUT_DIR, TEST_DIR, bundle, runNode, semaphore, writeEntry } from './helpers/bundle.js'
import { FUZZ_GLOBALS, FUZZ_HITS, importSignatures, instrumentPackage, type InstrumentedPackage } from './helpers/inject.js'

const env = process.env
const SEED = env.FUZZ_SEED !== undefined && env.FUZZ_SEED !== '' ? Number(env.FUZZ_SEED) >>> 0 : 20261123
const RUNS = Number(env.FUZZ_RUNS || 100)
const FROM = Number(env.FUZZ_FROM || 0)
const BATCH = Number(env.FUZZ_BATCH || 50)
const REPLAY = (env.FUZZ_REPLAY || '').split(',').filter(Boolean).map((s) => Number(s) >>> 0)
const ONLY = (env.FUZZ_PACKAGES || '').split(',').filter(Boolean)
type FuzzPolicy = 'reinit' | 'rollback'
const POLICIES = (env.FUZZ_POLICY || 'reinit,rollback').split(',').filter(Boolean) as FuzzPolicy[]
for (const x of POLICIES) if (x !== 'reinit' && x !== 'rollback') throw new Error(`FUZZ_POLICY: unknown policy ${x} (reinit, rollback)`)
/** The driver of each policy. */
const DRIVER: Record<FuzzPolicy, string> = { reinit: 'run.mjs', rollback: 'run-rollback.mjs' }
/** GC (finalizers of dead generations' objects) every this many runs. */
const GC_EVERY = 10

const pkgDir = (name: string) => realpathSync(join(TEST_DIR, 'node_modules', name))

interface Pkg {
  pkg: string
  label: string
  srcDir: string
  wasm: string
  glue: string
  /** The scripts (scenarios/fuzz/<workload>.mjs); default: pkg. */
  workload?: string
  /** web target: `await m.default()` first (no argument: the plugin's own loaded module). */
  init?: boolean
}

const ALL: Pkg[] = [
  { pkg: 'photon', label: '@silvia-odwyer/photon@0.3.11 (old bundler target, CLI 0.2.68)', srcDir: pkgDir('@silvia-odwyer/photon'), wasm: 'photon_rs_bg.wasm', glue: 'photon_rs.js' },
  {
    pkg: 'automerge',
    label: '@automerge/automerge-wasm@0.17.0 (bundler target, CLI 0.2.92)',
    srcDir: join(pkgDir('@automerge/automerge-wasm'), 'bundler'),
    wasm: 'automerge_wasm_bg.wasm',
    glue: 'automerge_wasm.js',
  },
  { pkg: 'fixture', label: 'own fixture crate (bundler target, CLI 0.2.108)', srcDir: join(FIXTURES, 'abort', 'bundler'), wasm: 'wr_fixture_bg.wasm', glue: 'wr_fixture.js' },
  {
    pkg: 'fixture-web',
    label: 'own fixture crate (web target: init / initSync)',
    srcDir: join(FIXTURES, 'abort', 'web'),
    wasm: 'wr_fixture_bg.wasm',
    glue: 'wr_fixture.js',
    workload: 'fixture',
    init: true,
  },
]
const PACKAGES = ONLY.length ? ALL.filter((p) => ONLY.includes(p.pkg)) : ALL
const FUZZ_DIR = join(OUT_DIR, 'fuzz')
const SCENARIOS = join(TEST_DIR, 'scenarios', 'fuzz')

/** Two child processes at a time (a 2-core machine). */
const slots = semaphore(2)

interface Prepared {
  inst: InstrumentedPackage
  oracle: any
}

interface Bundled {
  bundleFile: string
  warnings: string[]
  emittedWasm: string[]
}

const prepared = new Map<string, Promise<Prepared>>()
function prepare(p: Pkg): Promise<Prepared> {
  let r = prepared.get(p.pkg)
  if (!r) prepared.set(p.pkg, (r = doPrepare(p)))
  return r
}

async function doPrepare(p: Pkg): Promise<Prepared> {
  const inst = instrumentPackage(p.srcDir, p.wasm, p.glue, join(FUZZ_DIR, 'pkg', p.pkg))
  // the oracle: the ORIGINAL package, fresh instance, its own process
  const oracleEntry = writeEntry(
    `fuzz-oracle-${p.pkg}`,
    `import * as m from ${JSON.stringify(join(p.srcDir, p.glue))}
import * as w from ${workloadOf(p)}
import oracle from ${JSON.stringify(join(SCENARIOS, 'oracle.mjs'))}
${initOf(p)}oracle(m, w).then((r) => console.log('RESULT:' + JSON.stringify(r)), (e) => console.log('RESULT:' + JSON.stringify({ crashed: String(e?.stack ?? e) })))
`,
  )
  const ob = await bundle('esbuild', `fuzz-oracle-${p.pkg}`, oracleEntry)
  const oracleRun = await slots(() => runChild(ob.file, undefined, 120_000))
  if (!oracleRun.result) throw new Error(`oracle of ${p.pkg} printed no result:\n${oracleRun.stderr.slice(-3000)}`)
  return { inst, oracle: oracleRun.result }
}

const workloadOf = (p: Pkg) => JSON.stringify(join(SCENARIOS, `${p.workload ?? p.pkg}.mjs`))
const initOf = (p: Pkg) => (p.init ? 'await m.default()\n' : '')

const bundled = new Map<string, Promise<Bundled>>()
/** The fuzz child of one policy: preload the instance counter, then the instrumented copy, then the driver. */
function bundleFor(p: Pkg, policy: FuzzPolicy): Promise<Bundled> {
  const key = `${p.pkg}/${policy}`
  let r = bundled.get(key)
  if (!r) bundled.set(key, (r = doBundle(p, policy)))
  return r
}

async function doBundle(p: Pkg, policy: FuzzPolicy): Promise<Bundled> {
  const { inst } = await prepare(p)
  const name = policy === 'reinit' ? `fuzz-${p.pkg}` : `fuzz-${policy}-${p.pkg}`
  const entry = writeEntry(
    name,
    `import ${JSON.stringify(join(SCENARIOS, 'instances.mjs'))}
import * as m from ${JSON.stringify(inst.glue)}
import * as w from ${workloadOf(p)}
import run from ${JSON.stringify(join(SCENARIOS, DRIVER[policy]))}
import { readFileSync } from 'node:fs'
${initOf(p)}run(m, w, JSON.parse(readFileSync(process.argv[2], 'utf8'))).then(
  (r) => console.log('RESULT:' + JSON.stringify(r)),
  (e) => console.log('RESULT:' + JSON.stringify({ crashed: String(e?.stack ?? e) })),
)
`,
  )
  const b = await bundle('esbuild', name, entry, policy === 'reinit' ? {} : { plugin: { policy } })
  const emittedWasm = readdirSync(b.dir).filter((f) => f.endsWith('.wasm'))
  return { bundleFile: b.file, warnings: b.warnings.map((w) => w.message), emittedWasm }
}

interface BatchResult {
  code: number | null
  stderr: string
  result: any
  wallMs: number
}

async function runBatch(p: Pkg, policy: FuzzPolicy, prep: Prepared, b: Bundled, from: number, to: number, seeds?: number[]): Promise<BatchResult> {
  const params = {
    pkg: p.pkg,
    seed: SEED,
    from,
    to,
    seeds,
    functions: prep.inst.functions.map((f) => f.index),
    oracle: { steps: prep.oracle.steps, check: prep.oracle.check },
    gcEvery: GC_EVERY,
  }
  const file = join(FUZZ_DIR, 'params', `${p.pkg}-${policy}-${from}-${to}.json`)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, JSON.stringify(params))
  return slots(() => runChild(b.bundleFile, file, 600_000))
}

async function runChild(file: string, paramsFile: string | undefined, timeout: number): Promise<BatchResult> {
  const t0 = performance.now()
  const { code, stderr, result } = await runNode(file, timeout, paramsFile ? [paramsFile] : [])
  return { code, stderr, result, wallMs: Math.round(performance.now() - t0) }
}

/** The batches of this invocation: [from, to) ranges, or one batch of replayed seeds. */
function batches(): { from: number; to: number; seeds?: number[] }[] {
  if (REPLAY.length) return [{ from: 0, to: REPLAY.length, seeds: REPLAY }]
  const out = []
  for (let from = FROM; from < FROM + RUNS; from += BATCH) out.push({ from, to: Math.min(FROM + RUNS, from + BATCH) })
  return out
}

const report: Record<string, unknown> = { seed: SEED, runsPerPackage: REPLAY.length || RUNS, from: FROM, batch: BATCH, policies: POLICIES, packages: {}, rollback: {} }
function writeReport() {
  if (env.FUZZ_REPORT) writeFileSync(env.FUZZ_REPORT, JSON.stringify(report, null, 2))
}

const TIMEOUT = Math.max(180_000, (REPLAY.length || RUNS) * 3_000)

describe.concurrent(`trap-injection fuzz (seed ${SEED}, ${REPLAY.length ? `replay of ${REPLAY.length} seeds` : `runs ${FROM}–${FROM + RUNS - 1} per package`}, policy ${POLICIES.join(' + ')})`, () => {
  describe.each(PACKAGES)('$label', (p) => {
    it('the instrumented copy keeps the import section, and the plugin handles it like the original', async () => {
      const prep = await prepare(p)
      const original = readFileSync(prep.inst.original)
      const instrumented = readFileSync(prep.inst.wasm)
      expect(importSignatures(instrumented)).toEqual(importSignatures(original))
      expect(WebAssembly.Module.imports(new WebAssembly.Module(instrumented))).toEqual(WebAssembly.Module.imports(new WebAssembly.Module(original)))
      const exports = WebAssembly.Module.exports(new WebAssembly.Module(instrumented)).map((e) => e.name)
      expect(exports).toEqual(expect.arrayContaining([FUZZ_GLOBALS.countdown, FUZZ_GLOBALS.target, FUZZ_HITS]))
      expect(prep.inst.functions.length).toBeGreaterThan(100)
      for (const policy of POLICIES) {
        const b = await bundleFor(p, policy)
        // no warning: detected, paired and rewritten; the .wasm beside the bundle is the instrumented one
        expect(b.warnings.filter((w) => /wasm-recovery/.test(w)), `plugin warnings (policy ${policy})`).toEqual([])
        const code = readFileSync(b.bundleFile, 'utf8')
        expect(code).toContain('__wbr_factory')
        expect(code.includes("policy: \"rollback\"") || code.includes("policy: 'rollback'"), `the bundle of policy ${policy} says policy 'rollback'`).toBe(policy === 'rollback')
        expect(b.emittedWasm.map((f) => statSync(join(dirname(b.bundleFile), f)).size)).toEqual([instrumented.length])
      }
      // the scripts are deterministic on the original module, and never fail there
      expect(prep.oracle.crashed).toBeUndefined()
      expect(prep.oracle.failure).toBeNull()
      expect(prep.oracle.deterministic).toBe(true)
    })

    it.runIf(POLICIES.includes('reinit'))('every injected abort fails one call with WasmAbortError; new objects then give the oracle results; no dead instance is entered', async () => {
      const { results, runs, problems, crashes, wallMs } = await fuzz(p, 'reinit')
      const fired = runs.filter((r: any) => r.fired)
      const summary = {
        runs: runs.length,
        fired: fired.length,
        notFired: runs.length - fired.length,
        secondTrapInFreshGeneration: fired.filter((r: any) => r.doubleFired).length,
        abortsOutsideCalls: fired.filter((r: any) => r.outside).length,
        distinctTrapFunctions: new Set(fired.map((r: any) => r.fn)).size,
        functionsReachedByWorkload: results[0]?.result?.profile?.functionsReached,
        entriesPerWorkload: results[0]?.result?.profile?.entries,
        failingExports: countBy(fired.map((r: any) => r.outside ? '(outside any call)' : r.export ?? '(no export name: a closure or a microtask)')),
        wasmFramesAtTrap: { max: Math.max(0, ...fired.map((r: any) => r.depth ?? 0)), median: median(fired.map((r: any) => r.depth ?? 0)) },
        ...common(results, crashes, wallMs),
      }
      ;(report.packages as any)[p.pkg] = { ...summary, problemList: problems.slice(0, 50), crashList: crashList(crashes) }
      writeReport()
      printFailures(p, 'reinit', summary, problems, crashes)
      expectClean(results, runs, problems, crashes, summary)
    }, TIMEOUT)

    it.runIf(POLICIES.includes('rollback'))("policy 'rollback': an abort in a call from the app is undone — the retried call and every later step give the oracle results on the SAME objects; outside calls it falls back to reinit", async () => {
      const { results, runs, problems, crashes, wallMs } = await fuzz(p, 'rollback')
      const fired = runs.filter((r: any) => r.fired)
      const rolled = runs.flatMap((r: any) => r.rolled ?? [])
      const fallbacks = fired.filter((r: any) => r.fallback)
      const summary = {
        runs: runs.length,
        fired: fired.length,
        notFired: runs.length - fired.length,
        traps: sum(runs.map((r: any) => r.traps ?? 0)),
        rollbacks: rolled.length,
        runsRolledBackOnly: fired.filter((r: any) => !r.fallback).length,
        runsWithTwoRollbacks: runs.filter((r: any) => r.rollbacks >= 2).length,
        fallbackRuns: fallbacks.length,
        fallbackReasons: countBy(fallbacks.flatMap((r: any) => r.fallback)),
        fallbackSteps: countBy(fallbacks.map((r: any) => `${r.fallbackStep} → ${r.fallbackError?.name ?? 'no call failed'}`)),
        rolledBackExports: countBy(rolled.map((x: any) => x.export ?? '(none)')),
        distinctTrapFunctions: new Set([...fired.map((r: any) => r.fn), ...rolled.map((x: any) => x.fn)]).size,
        wasmFramesAtTrap: { max: Math.max(0, ...rolled.map((x: any) => x.depth ?? 0)), median: median(rolled.map((x: any) => x.depth ?? 0)) },
        rollbackMs: { median: round2(median(rolled.map((x: any) => x.ms ?? 0))), max: round2(Math.max(0, ...rolled.map((x: any) => x.ms ?? 0))) },
        restoredBytes: { max: Math.max(0, ...rolled.map((x: any) => x.bytes ?? 0)) },
        ...common(results, crashes, wallMs),
      }
      ;(report.rollback as any)[p.pkg] = { ...summary, problemList: problems.slice(0, 50), crashList: crashList(crashes) }
      writeReport()
      printFailures(p, 'rollback', summary, problems, crashes)
      expectClean(results, runs, problems, crashes, summary)
      // most aborts happen in calls from the app: those are rolled back (not reinitialised)
      if (!REPLAY.length) expect(summary.runsRolledBackOnly).toBeGreaterThan(fired.length * 0.5)
      if (!REPLAY.length) for (const r of results) expect(r.result.stats.rollbacks).toBeGreaterThan(0)
    }, TIMEOUT)
  })
})

/** Every batch of one package under one policy, in child processes. */
async function fuzz(p: Pkg, policy: FuzzPolicy) {
  const prep = await prepare(p)
  const b = await bundleFor(p, policy)
  const t0 = performance.now()
  const results = await Promise.all(batches().map((x) => runBatch(p, policy, prep, b, x.from, x.to, x.seeds)))
  const wallMs = Math.round(performance.now() - t0)
  const crashes = results.filter((r) => !r.result || r.result.crashed || r.code !== 0)
  const runs = results.flatMap((r) => r.result?.runs ?? [])
  const problems = results.flatMap((r) => r.result?.problems ?? [])
  return { results, runs, problems, crashes, wallMs }
}

function common(results: BatchResult[], crashes: BatchResult[], wallMs: number) {
  return {
    instances: sum(results.map((r) => r.result?.instances ?? 0)),
    gcs: sum(results.map((r) => r.result?.gcs ?? 0)),
    childWallMs: results.map((r) => r.wallMs),
    wallMs,
    wrongRuns: sum(results.map((r) => r.result?.badRuns ?? 0)),
    problems: sum(results.map((r) => r.result?.problemCount ?? 0)),
    problemKinds: mergeCounts(results.map((r) => r.result?.problemKinds ?? {})),
    uncaughtTotal: sum(results.map((r) => r.result?.uncaught ?? 0)),
    crashes: crashes.length,
  }
}

const crashList = (crashes: BatchResult[]) => crashes.map((c) => ({ code: c.code, stderr: c.stderr.slice(-3000), crashed: c.result?.crashed }))

function printFailures(p: Pkg, policy: FuzzPolicy, summary: object, problems: any[], crashes: BatchResult[]) {
  const tag = policy === 'reinit' ? p.pkg : `${p.pkg} (policy ${policy})`
  const sel = `FUZZ_PACKAGES=${p.pkg} FUZZ_POLICY=${policy}`
  console.log(`[fuzz] ${tag}: seed ${SEED}, ${JSON.stringify(summary)}`)
  for (const pr of problems.slice(0, 10)) {
    const where = pr.seed === undefined ? 'after the runs of a batch' : `run ${pr.index} (run seed ${pr.seed}; master seed ${SEED})`
    const replay =
      pr.seed === undefined
        ? ''
        : `  replay alone: ${sel} FUZZ_REPLAY=${pr.seed} npm run fuzz\n` +
          (REPLAY.length ? '' : `  replay its batch: ${sel} FUZZ_SEED=${SEED} FUZZ_FROM=${Math.floor((pr.index - FROM) / BATCH) * BATCH + FROM} FUZZ_RUNS=${BATCH} npm run fuzz\n`)
    console.log(`[fuzz] FAILURE ${tag} ${where}: ${pr.what}\n${replay}  ${JSON.stringify(pr.detail)?.slice(0, Number(process.env.FUZZ_DETAIL ?? 600))}`)
  }
  for (const c of crashes) console.log(`[fuzz] CRASH ${tag} (master seed ${SEED}): exit ${c.code}\n${c.stderr.slice(-3000)}\n${c.result?.crashed ?? ''}`)
}

function expectClean(results: BatchResult[], runs: any[], problems: any[], crashes: BatchResult[], summary: { problemKinds: object }) {
  expect(crashes.map((c) => c.result?.crashed ?? c.stderr.slice(-2000)), 'child processes exit cleanly').toEqual([])
  expect(summary.problemKinds, 'wrong results (kinds)').toEqual({})
  expect(problems.map((x: any) => `run ${x.index} seed ${x.seed}: ${x.what}`), 'wrong results').toEqual([])
  expect(runs.length).toBe(REPLAY.length || RUNS)
  // the injection reaches real code: most runs trap (some counts lie beyond what a warm instance reaches)
  if (!REPLAY.length) expect(runs.filter((r: any) => r.fired).length).toBeGreaterThan(runs.length * 0.6)
  for (const r of results) {
    expect(r.result.uncaught, 'unhandled errors or rejections').toBe(0)
    expect(r.result.stats).toMatchObject({ state: 'live' })
    expect(r.result.events.poisoned).toBe(0)
  }
}

describe('found by the fuzz: async work of a dead generation never reaches the app as an uncaught error (fixture, no process handlers)', () => {
  const fixture = ALL.find((p) => p.pkg === 'fixture')!
  const run = async (name: string, params: Record<string, unknown> = {}, instrumented = false) => {
    const glue = instrumented ? (await prepare(fixture)).inst.glue : join(fixture.srcDir, fixture.glue)
    const entry = writeEntry(
      `fuzz-regress-${name}`,
      `${instrumented ? `import * as ctl from ${JSON.stringify(join(SCENARIOS, 'instances.mjs'))}\n` : 'const ctl = undefined\n'}import * as m from ${JSON.stringify(glue)}
import { cases } from ${JSON.stringify(join(SCENARIOS, 'regress-async.mjs'))}
cases[${JSON.stringify(name)}](m, ${JSON.stringify(params)}, ctl).then((r) => console.log('RESULT:' + JSON.stringify(r)))
`,
    )
    const b = await bundle('esbuild', `fuzz-regress-${name}`, entry)
    return slots(() => runChild(b.file, undefined, 60_000))
  }
  const alive = { after: 3, again: { ok: true, value: 42 } }

  it('an async export in flight, then a synchronous panic: its queued task never enters the dead instance', async () => {
    const r = await run('inflight')
    expect(r.stderr).not.toMatch(/WasmStaleObjectError|WasmAbortError/)
    expect(r.code, r.stderr.slice(-2000)).toBe(0)
    expect(r.result).toEqual({ panic: 'WasmAbortError', asyncOk: { ok: false, name: 'WasmAbortError' }, ...alive })
  })

  it("a panic while the module waits on a JS Promise: the dead instance's `.then` callback raises no unhandled rejection", async () => {
    const r = await run('pendingReaction')
    expect(r.stderr).not.toMatch(/WasmStaleObjectError|WasmAbortError/)
    expect(r.code, r.stderr.slice(-2000)).toBe(0)
    expect(r.result).toEqual({ panic: 'WasmAbortError', asyncOk: { ok: false, name: 'WasmAbortError' }, ...alive })
  })

  it('a panic inside a Promise::new executor closure (injected): the orphaned Promise raises no unhandled rejection', async () => {
    const prep = await prepare(fixture)
    const invoke = prep.inst.functions.filter((f) => /closures::_::invoke::<wasm_bindgen\[\w+\]::JsValue, wasm_bindgen\[\w+\]::JsValue, \(\)>$/.test(f.name))
    expect(invoke).toHaveLength(1)
    const r = await run('executor', { target: invoke[0]!.index }, true)
    expect(r.stderr).not.toMatch(/WasmStaleObjectError|WasmAbortError/)
    expect(r.code, r.stderr.slice(-2000)).toBe(0)
    expect(r.result).toEqual({ sync: 'WasmAbortError', asyncOk: null, ...alive })
  })
})

describe("found by the fuzz: policy 'rollback' (minimal reproductions, scenarios/fuzz/regress-rollback.mjs)", () => {
  const run = async (name: string, p: Pkg, glue: string) => {
    const entry = writeEntry(
      `fuzz-regress-rollback-${name}`,
      `import * as ctl from ${JSON.stringify(join(SCENARIOS, 'instances.mjs'))}
import * as m from ${JSON.stringify(glue)}
import { cases } from ${JSON.stringify(join(SCENARIOS, 'regress-rollback.mjs'))}
${initOf(p)}Promise.resolve(cases[${JSON.stringify(name)}](m, {}, ctl)).then((r) => console.log('RESULT:' + JSON.stringify(r)))
`,
    )
    const b = await bundle('esbuild', `fuzz-regress-rollback-${name}`, entry, { plugin: { policy: 'rollback' } })
    return slots(() => runChild(b.file, undefined, 60_000))
  }

  it.runIf(PACKAGES.some((p) => p.pkg === 'photon'))('photon (CLI 0.2.68 glue, inline `x.ptr = 0`): an object passed by value to a call that aborts is usable again after the rollback', async () => {
    const photon = ALL.find((p) => p.pkg === 'photon')!
    const r = await run('consumedByValue', photon, (await prepare(photon)).inst.glue)
    expect(r.code, r.stderr.slice(-2000)).toBe(0)
    expect(r.result).toEqual({ first: 'WasmAbortError', events: ['abort', 'rollback'], rgbRed: { ok: true, value: 20 }, retry: 'ok', afterRetry: 'null pointer passed to rust' })
  })

  it.runIf(PACKAGES.some((p) => p.pkg === 'fixture'))("fixture: a closure made before the failed call is destroyed in the live instance, never in the dead one", async () => {
    const fixture = ALL.find((p) => p.pkg === 'fixture')!
    const r = await run('closureDtor', fixture, join(fixture.srcDir, fixture.glue))
    expect(r.code, r.stderr.slice(-2000)).toBe(0)
    expect(r.result).toEqual({ before: 6, panic: 'WasmAbortError', events: ['abort', 'rollback'], freshInstance: true, after: 8, deadEntered: 0, liveEnteredByTheFinalizer: 1 })
  })
})

function countBy(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const x of xs) out[x] = (out[x] ?? 0) + 1
  return Object.fromEntries(Object.entries(out).sort((a, b) => b[1] - a[1]))
}

function mergeCounts(xs: Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const x of xs) for (const [k, n] of Object.entries(x)) out[k] = (out[k] ?? 0) + n
  return out
}

const round2 = (x: number) => Math.round(x * 100) / 100

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0)
}

function median(xs: number[]): number {
  if (!xs.length) return 0
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

