// Stress: thousands of real panics/aborts in real wasm-bindgen packages, each in its own Node process
// (bundled with esbuild for Node), so that a crash shows as a non-zero exit rather than a lost runner.
//
// Two child processes run at a time (this is a 2-core machine); the longest (ironcalc's OOMs, ~11 s
// each on a VM where first touches of memory are slow) starts first so that everything else overlaps it.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURES, semaphore } from './helpers/bundle.js'
import { pkgFile, runStress, summary, type StressResult, type StressRun } from './helpers/stress.js'

const N = 10_000
/** Per test: the longest waits for two child slots, then runs for minutes. */
const TIMEOUT = 560_000

const slots = semaphore(2)
const memo = new Map<string, Promise<StressResult>>()
/** Runs a child once however many tests need its result, two children at a time. */
function run(o: StressRun): Promise<StressResult> {
  let p = memo.get(o.name)
  if (!p) memo.set(o.name, (p = slots(() => runStress({ timeoutMs: 900_000, ...o }))))
  return p
}

interface Pkg {
  label: string
  /** Module name on errors and stats. */
  module: string
  /** `export` on the trigger's WasmAbortError. */
  export: string
  glue: string
  scenario: string
  format?: 'esm' | 'cjs'
  params?: Record<string, unknown>
  /** The same loop without the plugin, stopped at the first failing ordinary call. */
  plain?: { glue: string; copyWasm: string; n: number; failsNear: [number, number] }
}

// tiktoken: which encoder, measured (10,000 iterations, one child alone on this machine):
// - `get_encoding('gpt2')` of the full package costs ~57 ms per generation (the ranks embedded in the
//   wasm are parsed again): ~9.5 minutes for 10,000, too slow;
// - gpt2's own pattern in any `new Tiktoken(…)` costs ~10 ms per construction (fancy-regex compile);
// - `tiktoken/lite` with a small `Tiktoken` (256 ranks, pattern `\S+|\s+`): 30 s, but lite exports no
//   free function at all;
// - the full package with the same small `Tiktoken` and the free function `get_encoding_name_for_model`:
//   72 s (its 5.6 MB wasm costs ~5.5 ms per fresh instance). Chosen: it covers a free function too.
// The trigger does not depend on the ranks: `decode` of a token id that is in no table panics.
const TIKTOKEN_PARAMS = { encoder: 'small', ranks: 256, pat: '\\S+|\\s+', freeFunction: true, gpt2Json: pkgFile('tiktoken', 'encoders/gpt2.json') }

const PACKAGES: Pkg[] = [
  {
    label: 'tiktoken@1.0.22: decode of an unknown token',
    module: 'tiktoken',
    export: 'Tiktoken.decode',
    glue: pkgFile('tiktoken', 'tiktoken.js'),
    scenario: 'tiktoken',
    params: TIKTOKEN_PARAMS,
    // CORPUS: 192 B of shadow stack per panic, ~5,461 panics
    plain: { glue: pkgFile('tiktoken', 'tiktoken.cjs'), copyWasm: pkgFile('tiktoken', 'tiktoken_bg.wasm'), n: 8_000, failsNear: [5_000, 6_000] },
  },
  {
    label: '@swc/wasm@1.16.18: printSync of far spans with source maps',
    module: '@swc/wasm',
    export: 'printSync',
    glue: pkgFile('@swc/wasm', 'wasm.js'),
    scenario: 'swc',
    format: 'cjs',
    // CORPUS: 6,016 B per panic, 172 panics
    plain: { glue: pkgFile('@swc/wasm', 'wasm.js'), copyWasm: pkgFile('@swc/wasm', 'wasm_bg.wasm'), n: 1_000, failsNear: [150, 200] },
  },
  {
    label: '@automerge/automerge-wasm@0.17.0 (bundler): commit after isolate at an unknown head',
    module: 'automerge_wasm',
    export: 'Automerge.commit',
    glue: pkgFile('@automerge/automerge-wasm', 'bundler/automerge_wasm.js'),
    scenario: 'automerge',
  },
  {
    label: '@silvia-odwyer/photon@0.3.11: crop out of bounds on a 4×4 image',
    module: 'photon_rs',
    export: 'crop',
    glue: pkgFile('@silvia-odwyer/photon', 'photon_rs.js'),
    scenario: 'photon',
  },
  {
    label: 'own fixture (bundler target): panic_now',
    module: 'wr_fixture',
    export: 'panic_now',
    glue: join(FIXTURES, 'abort', 'bundler', 'wr_fixture.js'),
    scenario: 'fixture',
  },
]

/** Packages as published (issue 11's shapes): a shorter loop each, the same accounting. */
const REACH_N = 1_000
const REACH: Pkg[] = [
  { label: "tiktoken@1.0.22 node entry (the package's own loader)", module: 'tiktoken', export: 'Tiktoken.decode', glue: pkgFile('tiktoken', 'tiktoken.cjs'), scenario: 'tiktoken', format: 'cjs', params: TIKTOKEN_PARAMS },
  {
    label: '@dqbd/tiktoken@0.4.0 (old nodejs glue)', module: '_tiktoken', export: 'Tiktoken.decode', glue: pkgFile('@dqbd/tiktoken', 'dist/node/_tiktoken.js'),
    // its Tiktoken takes ranks in another format: get_encoding('gpt2') (~35 ms per fresh instance here)
    scenario: 'tiktoken', format: 'cjs', params: { encoder: 'gpt2', freeFunction: false },
  },
  { label: '@cf-wasm/photon@0.4.0 node entry (re-bundled web glue, wasm from its base64 module)', module: 'photon_rs', export: 'crop', glue: pkgFile('@cf-wasm/photon', 'dist/node.js'), scenario: 'photon' },
  {
    label: '@resvg/resvg-wasm@2.6.2 index.mjs (re-bundled web glue without initSync, wasm handed to initWasm)', module: '@resvg/resvg-wasm', export: 'Resvg.render',
    glue: pkgFile('@resvg/resvg-wasm', 'index.mjs'), scenario: 'resvg', params: { wasm: pkgFile('@resvg/resvg-wasm', 'index_bg.wasm') },
  },
  {
    label: '@resvg/resvg-wasm@2.6.2 index.min.js (the same, minified into an esbuild IIFE for a <script> tag)', module: '@resvg/resvg-wasm', export: 'Resvg.render',
    glue: pkgFile('@resvg/resvg-wasm', 'index.min.js'), scenario: 'resvg', params: { wasm: pkgFile('@resvg/resvg-wasm', 'index_bg.wasm') },
  },
]
const reachRun = (p: Pkg) =>
  run({ name: `reach-${REACH.indexOf(p)}`, glue: p.glue, scenario: p.scenario, format: p.format, params: { module: p.module, n: REACH_N, ...p.params } })

const key = (p: Pkg) => p.scenario
const pluginRun = (p: Pkg) =>
  run({ name: `${key(p)}-plugin`, glue: p.glue, scenario: p.scenario, format: p.format, params: { module: p.module, n: N, ...p.params } })
const plainRun = (p: Pkg) =>
  run({
    name: `${key(p)}-plain`,
    glue: p.plain!.glue,
    scenario: p.scenario,
    // without the plugin, CommonJS glue reads its .wasm beside the bundle (`__dirname`)
    format: 'cjs',
    plugin: false,
    copyWasm: p.plain!.copyWasm,
    params: { module: p.module, n: p.plain!.n, stopAtFirstFailure: true, plain: true, ...p.params },
  })

const fixtureGlue = join(FIXTURES, 'abort', 'bundler', 'wr_fixture.js')
const breakerRun = (name: string, plugin: StressRun['plugin'], params: Record<string, unknown>) =>
  run({ name: `breaker-${name}`, glue: fixtureGlue, scenario: 'breaker', plugin, params })

const IRONCALC_N = 8

describe.concurrent('stress', () => {
  // each OOM fills 3.7 GB first: ~11 s where the first touch of a page costs ~3 ms/MB (this VM), so the
  // count fits a child's 900 s budget with room to spare (26 s each in a full, concurrent run here)
  describe(`ironcalc: ${IRONCALC_N} allocation-failure aborts, each after an ordinary call`, () => {
    it('@ironcalc/wasm@0.8.4 (web target): deleteRows(0, 1, 2e9)', async () => {
      const r = await run({ name: 'ironcalc-plugin', glue: pkgFile('@ironcalc/wasm', 'wasm.js'), init: true, scenario: 'ironcalc', params: { module: '@ironcalc/wasm', n: IRONCALC_N } })
      console.log(summary('ironcalc', r), `; rss after GC ${Math.round(r.result?.rssAfterGc / 2 ** 20)} MB; trigger ms ${JSON.stringify(r.result?.triggerMs)}; rss MB after each ${JSON.stringify(r.result?.rssAfterEach?.map((b: number) => Math.round(b / 2 ** 20)))}`)
      const v = r.result
      expect(v, r.stderr.slice(-3000)).toBeDefined()
      expect(r.code, 'the process is alive and exits cleanly').toBe(0)
      expect(pick(v)).toEqual({ ...CLEAN, iterations: IRONCALC_N, ordinaryOk: IRONCALC_N, triggerAbort: IRONCALC_N, triggerNames: { WasmAbortError: IRONCALC_N } })
      expect(v.triggerExports).toEqual({ 'Model.deleteRows': IRONCALC_N })
      expect(v.causeNames).toEqual({ RuntimeError: IRONCALC_N })
      expect(v.firstTrigger).toMatchObject({ name: 'WasmAbortError', module: '@ironcalc/wasm', generation: 0 })
      expect(v.stats).toEqual({ module: '@ironcalc/wasm', state: 'live', generation: IRONCALC_N, aborts: IRONCALC_N, reinits: IRONCALC_N })
      expect(v.events).toEqual({ abort: IRONCALC_N, reinit: IRONCALC_N, poisoned: 0 })
      expect(v.afterGc).toEqual({ ok: true })
      expect(v.uncaught).toEqual([])
      expect(r.stderr).not.toMatch(/recursive use of an object detected/)
      // each OOM fills a fresh ~3.7 GB memory (so RSS is over 3 GB); a dead generation's memory goes at a
      // later GC, not at once, but dead memories do not pile up: never more than two resident
      expect(v.rssEnd).toBeGreaterThan(3 * 2 ** 30)
      expect(v.rssPeak).toBeLessThan(2.5 * 3.76 * 2 ** 30)
    }, TIMEOUT)
  })

  describe(`${N.toLocaleString('en')} real panics, each after an ordinary call on a new object and a free function (default options)`, () => {
    it.each(PACKAGES)('$label', async (p) => {
      const r = await pluginRun(p)
      console.log(summary(p.label, r), `; reinit total ${r.result?.reinitMs} ms`)
      const v = r.result
      expect(v, r.stderr.slice(-3000)).toBeDefined()
      expect(r.code, 'exit code').toBe(0)
      expect(pick(v)).toEqual({ ...CLEAN, iterations: N, ordinaryOk: N, triggerAbort: N, triggerNames: { WasmAbortError: N } })
      expect(v.triggerExports).toEqual({ [p.export]: N })
      expect(v.causeNames).toEqual({ RuntimeError: N })
      expect(v.firstTrigger).toMatchObject({ name: 'WasmAbortError', module: p.module, generation: 0, causeName: 'RuntimeError' })
      expect(v.lastTrigger).toMatchObject({ name: 'WasmAbortError', module: p.module, generation: N - 1 })
      // the breaker never trips: every abort had a successful call before it
      expect(v.stats).toEqual({ module: p.module, state: 'live', generation: N, aborts: N, reinits: N })
      expect(v.events).toEqual({ abort: N, reinit: N, poisoned: 0 })
      // after GC of the stale objects of 10,000 dead generations, still healthy
      expect(v.afterGc).toEqual({ ok: true })
      expect(v.uncaught).toEqual([])
      expect(r.stderr).not.toMatch(/recursive use of an object detected/)
      // no per-generation leak: 10,000 dead instances would be gigabytes
      expect(v.rssEnd).toBeLessThan(400 * 2 ** 20)
    }, TIMEOUT)
  })

  describe(`${REACH_N.toLocaleString('en')} real panics on packages as published, each after ordinary calls`, () => {
    it.each(REACH)('$label', async (p) => {
      const r = await reachRun(p)
      const n = REACH_N
      console.log(summary(p.label, r))
      const v = r.result
      expect(v, r.stderr.slice(-3000)).toBeDefined()
      expect(r.code, 'exit code').toBe(0)
      expect(pick(v)).toEqual({ ...CLEAN, iterations: n, ordinaryOk: n, triggerAbort: n, triggerNames: { WasmAbortError: n } })
      expect(v.triggerExports).toEqual({ [p.export]: n })
      expect(v.stats).toEqual({ module: p.module, state: 'live', generation: n, aborts: n, reinits: n })
      expect(v.events).toEqual({ abort: n, reinit: n, poisoned: 0 })
      expect(v.afterGc).toEqual({ ok: true })
      expect(v.uncaught).toEqual([])
    }, TIMEOUT)
  })

  describe('the same loop without the plugin dies of the leaked shadow stack', () => {
    it.each(PACKAGES.filter((p) => p.plain))('$label', async (p) => {
      const r = await plainRun(p)
      const v = r.result
      console.log(summary(`${p.label}, without the plugin`, r), `; triggers ${JSON.stringify(v?.triggerNames)}`)
      expect(v, r.stderr.slice(-3000)).toBeDefined()
      const k = v.firstOrdinaryFailure?.index
      // every panic before it was a raw trap in the one instance, then an ordinary call fails for good
      expect(v.firstOrdinaryFailure).toMatchObject({ name: 'RuntimeError', message: 'memory access out of bounds' })
      expect(k).toBeGreaterThanOrEqual(p.plain!.failsNear[0])
      expect(k).toBeLessThanOrEqual(p.plain!.failsNear[1])
      expect(v.ordinaryOk).toBe(k)
      expect(v.triggerNames).toEqual({ RuntimeError: k })
      expect(v.iterations).toBe(k + 1)
      // the plugin run passed that index (and 10,000 in all) with every ordinary call healthy
      const withPlugin = (await pluginRun(p)).result
      expect(withPlugin?.ordinaryOk).toBe(N)
      expect(withPlugin?.firstOrdinaryFailure).toBeNull()
      expect(k).toBeLessThan(N)
    }, TIMEOUT)
  })

  describe('the memory of a dead generation is released (own fixture: one generation touches 500 MB, then 4 aborts, GC)', () => {
    const retain = (target: string, big: number) =>
      run({
        name: `retain-${target}-${big}`,
        glue: join(FIXTURES, 'abort', target, 'wr_fixture.js'),
        scenario: 'retain',
        format: target === 'nodejs' ? 'cjs' : 'esm',
        init: target === 'web',
        params: { big },
      })
    const check = async (target: string, big: number) => {
      const r = await retain(target, big)
      const v = r.result
      expect(v, r.stderr.slice(-3000)).toBeDefined()
      expect(r.code).toBe(0)
      expect(v).toMatchObject({ touched: 500_000_000, aborts: 4, good: 3, uncaught: [] })
      expect(v.stats).toEqual({ module: 'wr_fixture', state: 'live', generation: 4, aborts: 4, reinits: 4 })
      expect(v.rssBeforeGc - v.rssStart, 'the 500 MB were really touched').toBeGreaterThan(400 * 2 ** 20)
      expect(v.rssAfterGc - v.rssStart, `RSS after GC: ${Math.round(v.rssAfterGc / 2 ** 20)} MB`).toBeLessThan(250 * 2 ** 20)
    }
    for (const target of ['bundler', 'nodejs', 'web']) {
      for (const big of [0, 1]) it(`${target} target, generation ${big}`, () => check(target, big), TIMEOUT)
    }
  })

  describe('circuit breaker (own fixture, panic_now back to back)', () => {
    it('default options: 20 aborts, then every call is WasmUnavailableError "breaker" until resetModule', async () => {
      const r = await breakerRun('default', {}, { mode: 'backToBack', n: 100 })
      const v = r.result
      expect(v, r.stderr.slice(-3000)).toBeDefined()
      expect(r.code).toBe(0)
      expect(v.before).toEqual({ ok: true, value: 3 })
      // calls #1–#20 trap (generations 0–19, each with its panic text); the 20th abort trips the breaker,
      // so there is no 20th reinit and call #21 is refused
      expect(v.run).toMatchObject({ aborts: 20, tripIndex: 20, panicMessages: 20, abortGenerations: range(20) })
      expect(v.run.trip).toEqual({ name: 'WasmUnavailableError', reason: 'breaker', module: 'wr_fixture' })
      expect(v.run.statsAtTrip).toEqual({ module: 'wr_fixture', state: 'poisoned', generation: 19, aborts: 20, reinits: 19 })
      for (const after of [v.afterAdd, v.afterCounter, v.afterPanic]) expect(after).toEqual({ name: 'WasmUnavailableError', reason: 'breaker', module: 'wr_fixture' })
      expect(v.eventsAtTrip.types).toEqual({ abort: 20, reinit: 19, poisoned: 1 })
      expect(v.eventsAtTrip.poisoned).toEqual([{ type: 'poisoned', generation: 19 }])
      // resetModule serves again, and the count starts over: the same threshold trips it once more
      expect(v.reset).toEqual({ ok: true })
      expect(v.statsAfterReset).toEqual({ module: 'wr_fixture', state: 'live', generation: 20, aborts: 20, reinits: 20 })
      expect(v.afterReset).toEqual({ ok: true, value: 42 })
      expect(v.counterAfterReset).toEqual({ ok: true, value: 2 })
      expect(v.again).toMatchObject({ aborts: 20, tripIndex: 20, trip: { name: 'WasmUnavailableError', reason: 'breaker', module: 'wr_fixture' } })
      expect(v.final).toMatchObject({ ok: false, name: 'WasmUnavailableError', reason: 'breaker' })
      expect(v.uncaught).toEqual([])
    }, TIMEOUT)

    it('circuitBreaker: { maxConsecutiveAborts: 5 } trips after 5', async () => {
      const r = await breakerRun('max5', { circuitBreaker: { maxConsecutiveAborts: 5 } }, { mode: 'backToBack', n: 100 })
      const v = r.result
      expect(v, r.stderr.slice(-3000)).toBeDefined()
      expect(r.code).toBe(0)
      expect(v.run).toMatchObject({ aborts: 5, tripIndex: 5, abortGenerations: range(5) })
      expect(v.run.trip).toEqual({ name: 'WasmUnavailableError', reason: 'breaker', module: 'wr_fixture' })
      expect(v.run.statsAtTrip).toEqual({ module: 'wr_fixture', state: 'poisoned', generation: 4, aborts: 5, reinits: 4 })
      expect(v.eventsAtTrip.poisoned).toEqual([{ type: 'poisoned', generation: 4 }])
      expect(v.afterReset).toEqual({ ok: true, value: 42 })
      expect(v.again).toMatchObject({ aborts: 5, tripIndex: 5 })
      expect(v.uncaught).toEqual([])
    }, TIMEOUT)

    it('circuitBreaker: false: 1,000 back-to-back panics are all WasmAbortError and the module still serves', async () => {
      const r = await breakerRun('off', { circuitBreaker: false }, { mode: 'backToBack', n: 1_000 })
      const v = r.result
      expect(v, r.stderr.slice(-3000)).toBeDefined()
      expect(r.code).toBe(0)
      expect(v.run).toMatchObject({ aborts: 1_000, tripIndex: null, panicMessages: 1_000 })
      expect(v.afterAdd).toEqual({ ok: true, value: 5 })
      expect(v.afterCounter).toEqual({ ok: true, value: 2 })
      expect(v.eventsAtTrip.types).toEqual({ abort: 1_001, reinit: 1_001 })
      expect(v.again).toMatchObject({ aborts: 1_000, tripIndex: null })
      expect(v.final).toEqual({ ok: true, value: 42 })
      expect(v.stats).toMatchObject({ state: 'live', aborts: 2_001 })
      expect(v.uncaught).toEqual([])
    }, TIMEOUT)

    it.each([
      ['default options', {}],
      ['maxConsecutiveAborts: 2', { circuitBreaker: { maxConsecutiveAborts: 2 } }],
    ] as const)('alternating panic / good call 1,000 times never trips it (%s)', async (label, plugin) => {
      const r = await breakerRun(`alternate-${label.replace(/\W+/g, '')}`, plugin, { mode: 'alternate', n: 1_000 })
      const v = r.result
      expect(v, r.stderr.slice(-3000)).toBeDefined()
      expect(r.code).toBe(0)
      expect(v).toMatchObject({ badAbort: 1_000, goodOk: 1_000, odd: null, final: { ok: true, value: 42 } })
      expect(v.stats).toEqual({ module: 'wr_fixture', state: 'live', generation: 1_000, aborts: 1_000, reinits: 1_000 })
      expect(v.eventTypes).toEqual({ abort: 1_000, reinit: 1_000 })
      expect(v.uncaught).toEqual([])
    }, TIMEOUT)

    it('a fresh object per round, good method calls, then a method that panics, 300 times: never trips it (maxConsecutiveAborts: 2)', async () => {
      const r = await breakerRun('methods', { circuitBreaker: { maxConsecutiveAborts: 2 } }, { mode: 'methods', n: 300 })
      const v = r.result
      expect(v, r.stderr.slice(-3000)).toBeDefined()
      expect(r.code).toBe(0)
      expect(v).toMatchObject({ badAbort: 300, goodOk: 300, odd: null, final: { ok: true, value: 42 } })
      expect(v.stats).toEqual({ module: 'wr_fixture', state: 'live', generation: 300, aborts: 300, reinits: 300 })
      expect(v.uncaught).toEqual([])
    }, TIMEOUT)
  })
})

/** What a clean loop reports besides its counts. */
const CLEAN = {
  ordinaryFailed: 0,
  firstOrdinaryFailure: null,
  triggerReturned: 0,
  firstOddTrigger: null,
  generationMismatch: 0,
  recursiveUse: 0,
}

function pick(v: any) {
  const { iterations, ordinaryOk, ordinaryFailed, firstOrdinaryFailure, triggerAbort, triggerReturned, triggerNames, firstOddTrigger, generationMismatch, recursiveUse } = v
  return { iterations, ordinaryOk, ordinaryFailed, firstOrdinaryFailure, triggerAbort, triggerReturned, triggerNames, firstOddTrigger, generationMismatch, recursiveUse }
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i)
}

