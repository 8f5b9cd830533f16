// The real-package corpus (CORPUS.md): every package, every target Node can run, both bundlers.
// 1. detection (target + CLI version from the debug line), 2. behaviour equal to the package as shipped,
// 3. real triggers and deep inputs end as typed errors and the module recovers, 4. the contrast: the same
// scenario without the plugin leaves the package corrupted.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BUNDLERS, OUT_DIR, type Bundler } from './helpers/bundle.js'
import {

  bundleCorpus,
  detections,
  label,
  memo,
  RAW_CORRUPTION,
  runBundle,
  runDirect,
  TARGETS,
  wasmName,
  type Built,
  type CorpusTarget,
  type Mode,
  type Run,
} from './helpers/corpus.js'

/** What each trigger must report: the export that trapped and the printed panic (undefined: none printed). */
const TRIGGERS: Record<string, { export: string; panic?: RegExp; cause: string }> = {
  tiktoken: { export: 'Tiktoken.decode', cause: 'RuntimeError' },
  automerge: { export: 'Automerge.commit', panic: /^Change's deps should already be in the document: MissingDep\(/, cause: 'RuntimeError' },
  photon: { export: 'crop', cause: 'RuntimeError' },
  ironcalc: { export: 'Model.deleteRows', cause: 'RuntimeError' },
  swc: { export: 'printSync', panic: /NoFileFor\(BytePos\(4000000000\)\)/, cause: 'RuntimeError' },
  resvg: { export: 'Resvg.render', cause: 'RuntimeError' },
}
/** The export that meets each deep input. */
const DEEP_EXPORT: Record<string, string> = {
  automerge: 'Automerge.putObject',
  ironcalc: 'Model.setUserInput|Model.evaluate',
  swc: 'parseSync',
  biome: 'Workspace.openFile|Workspace.formatFile',
}

/** Observations for the report: test/.out/corpus-report.json. */
const REPORT: Record<string, any> = {}
const note = (key: string, data: any) => void (REPORT[key] = { ...REPORT[key], ...data })
afterAll(() => {
  mkdirSync(OUT_DIR, { recursive: true })
  writeFileSync(join(OUT_DIR, 'corpus-report.json'), JSON.stringify(REPORT, null, 2))
})

const directRuns = memo<Run>()
/** The package as shipped, unbundled (Node's own wasm ESM integration): the baseline of equivalence. */
const direct = (t: CorpusTarget, mode: Mode) => directRuns(`${label(t)}:${mode}`, () => runDirect(t, mode))

const plainBundles = memo<Built>()
const unwrappedRuns = memo<Run>()
/**
 * The same scenario WITHOUT the plugin: web targets load without a wasm plugin, so they are bundled with
 * `plugin: false` (the entry hands `init` the bytes); bundler and nodejs-CJS targets cannot be bundled
 * without a .wasm loader (esbuild has none; the CJS glue reads `__dirname/x_bg.wasm`), so for them the
 * package runs as shipped.
 */
const unwrappedHow = (t: CorpusTarget) => (t.init === 'web' ? 'plain esbuild bundle' : 'package as shipped')
const unwrapped = (t: CorpusTarget, mode: Mode) =>
  unwrappedRuns(`${label(t)}:${mode}`, async () =>
    t.init === 'web' ? runBundle(await plainBundles(label(t), () => bundleCorpus(t, 'esbuild', false)), mode) : runDirect(t, mode),
  )

/** A run must end normally and print its report; anything else shows the child's own words. */
function reported(r: Run, what: string): any {
  const tail = `${what}: exit ${r.code} signal ${r.signal}\n--- stderr ---\n${r.stderr.slice(-4000)}\n--- stdout ---\n${r.stdout.slice(-2000)}`
  expect(r.result, tail).toBeDefined()
  expect(r.result.error, tail).toBeUndefined()
  expect(r.code, tail).toBe(0)
  return r.result
}

const fail = (o: any) => ({ name: o?.name, export: o?.export, causeName: o?.causeName, message: o?.message?.slice(0, 160) })

/** An outcome that is the typed stale error of this module (never the raw aliasing error). */
function expectStale(o: any, t: CorpusTarget, what: string) {
  expect(o, what).toMatchObject({ ok: false, name: 'WasmStaleObjectError', module: t.module })
  expect(o.message, what).not.toMatch(RAW_CORRUPTION)
}

/**
 * Recovery as the trigger and deep scenarios report it: each abort (the trigger, then `later` ones) is
 * followed by one reinit; the stats count them; the process lived through GC and reported afterwards.
 */
function expectRecovered(r: any, t: CorpusTarget, exportPattern: string, what: string, later: string[] = []) {
  const v = r.value
  const g0 = v.statsBefore.generation
  expect(v.statsBefore, what).toMatchObject({ module: t.module, state: 'live' })
  expect(v.trigger, what).toMatchObject({ ok: false, name: 'WasmAbortError', module: t.module, generation: g0 })
  expect(v.trigger.export, what).toMatch(new RegExp(`^(${exportPattern.replace(/\./g, '\\.')})$`))
  expect(v.trigger.message, what).not.toMatch(RAW_CORRUPTION)
  const exports = [v.trigger.export, ...later]
  const n = exports.length
  expect(v.statsEnd, what).toMatchObject({
    module: t.module,
    state: 'live',
    generation: g0 + n,
    aborts: v.statsBefore.aborts + n,
    reinits: v.statsBefore.reinits + n,
  })
  // exactly: abort, reinit (per abort), nothing of any other kind or module
  const withoutExport = r.events.map(({ export: _, ...e }: any) => e)
  expect(withoutExport, what).toEqual(
    exports.flatMap((_, i) => [
      { type: 'abort', module: t.module, generation: g0 + i },
      { type: 'reinit', module: t.module, generation: g0 + i + 1 },
    ]),
  )
  expect(r.events.filter((e: any) => e.type === 'abort').map((e: any) => e.export), what).toEqual(exports)
  expect(r.stats, what).toEqual(v.statsEnd)
  expect(v.afterGc, what).toMatchObject({ ok: true })
  expect(r.uncaught, what).toEqual([])
  // no call of the run ever met wasm-bindgen's raw aliasing errors or a raw trap
  const raw = Object.entries(v).filter(([, o]: [string, any]) => o?.ok === false && (RAW_CORRUPTION.test(o.message) || o.name === 'RuntimeError'))
  expect(raw, what).toEqual([])
}

describe.each(TARGETS.map((t) => [label(t), t] as const))('%s', (name, t) => {
  describe.each(BUNDLERS)('%s', (bundler: Bundler) => {
    const key = `${name} ${bundler}`
    let built: Built
    beforeAll(async () => {
      built = await bundleCorpus(t, bundler)
    })

    if (t.kind === 'no-modules') {
      it('no-modules: detected as no-modules', async () => {
        const found = detections(built, t)
        const ours = built.warnings.filter((w) => /wasm-recovery|WASM_RECOVERY/.test(`${w.code} ${w.message}`))
        note(key, { detected: found.map((d) => `${d.target} ${d.cli} ${d.era} ${d.format}`), warnings: ours.map((w) => w.code) })
        expect(found).toHaveLength(1)
        expect(found[0]).toMatchObject({ target: 'no-modules', cli: '0.2.78', wasm: expect.stringMatching(new RegExp(`/${wasmName(t)}$`)) })
        expect(ours).toEqual([])
      })

      it('no-modules: the same results as the script loaded as shipped (and as the package\'s other targets)', async () => {
        const cjs = TARGETS.find((o) => o.pkg === t.pkg && o.kind === 'cjs')!
        const [script, other] = await Promise.all([direct(t, 'equivalence'), direct(cjs, 'equivalence')])
        const want = reported(script, 'no-modules as a script').value
        expect(want).toEqual(reported(other, cjs.target).value)
        if (!detections(built, t).length) return // left untouched: nothing of ours to compare
        const got = reported(await runBundle(built, 'equivalence'), 'no-modules bundled with the plugin')
        note(key, { equivalent: JSON.stringify(got.value) === JSON.stringify(want) })
        expect(got.value).toEqual(want)
        expect(got.events).toEqual([])
        expect(got.stats).toMatchObject({ module: t.module, state: 'live', aborts: 0, reinits: 0 })
        expect(got.uncaught).toEqual([])
      })
      return
    }

    it(`detects target ${t.detect === 'no-modules' ? '' : `${t.detect.target}, CLI ${t.detect.cli}`}`, () => {
      const found = detections(built, t)
      note(key, { detected: found.map((d) => `${d.target} ${d.cli} ${d.era} ${d.format}`), warnings: built.warnings.map((w) => w.code ?? w.message) })
      expect(found, built.debug.join('\n')).toHaveLength(1)
      expect(found[0]).toMatchObject({ ...(t.detect as object), wasm: expect.stringMatching(new RegExp(`/${wasmName(t)}$`)), policy: 'reinit' })
      expect(built.warnings.filter((w) => /WASM_RECOVERY/.test(`${w.code} ${w.message}`))).toEqual([])
    })

    it('equivalence: the same results as the package without bundler or plugin', async () => {
      const [mine, base] = await Promise.all([runBundle(built, 'equivalence'), direct(t, 'equivalence')])
      const got = reported(mine, 'bundled with the plugin')
      const want = reported(base, 'the package as shipped')
      const oks = Object.values(want.value).filter((o: any) => o.ok).length
      note(key, { equivalent: JSON.stringify(got.value) === JSON.stringify(want.value), calls: Object.keys(want.value).length, okCalls: oks })
      expect(oks).toBeGreaterThanOrEqual(3) // the comparison covers real work, not only errors
      expect(got.value).toEqual(want.value)
      // ordinary calls (errors included) are no abort: no event, generation 0 untouched
      expect(got.events).toEqual([])
      expect(got.stats).toMatchObject({ module: t.module, state: 'live', aborts: 0, reinits: 0 })
      expect(got.uncaught).toEqual([])
    })

    if (t.modes.includes('trigger')) {
      it('trigger: a typed abort, stale old objects, working new ones', async () => {
        const spec = TRIGGERS[t.pkg]
        // one after the other: ironcalc's trigger grows a 3.8 GB memory, two at once thrash this machine
        const run = await runBundle(built, 'trigger')
        const baseRun = await unwrapped(t, 'trigger')
        const r = reported(run, 'trigger')
        const v = r.value
        note(key, {
          trigger: fail(v.trigger),
          panicMessage: v.trigger.panicMessage,
          recovered: v.newObject?.ok ?? v.freeFunction?.ok,
          stale: v.stale ? v.stale.name : 'n/a (no objects)',
          staleFree: v.staleFree ? (v.staleFree.ok ? 'ok (no-op)' : v.staleFree.name) : 'n/a',
        })
        expectRecovered(r, t, spec.export, 'trigger', t.pkg === 'photon' ? ['PhotonImage.new_from_byteslice'] : [])
        expect(v.trigger.causeName).toBe(spec.cause)
        if (spec.panic) expect(v.trigger.panicMessage).toMatch(spec.panic)
        else expect(v.trigger.panicMessage).toBeUndefined()
        // the next calls on new objects and free functions succeed
        if ('newObject' in v) expect(v.newObject).toMatchObject({ ok: true })
        expect(v.freeFunction).toMatchObject({ ok: true })
        // recovery is synchronous in Node, whatever the glue's own init: the very next call works
        if ('immediate' in v) expect(v.immediate).toMatchObject({ ok: true })
        // objects from before the abort are stale, as `this` and as an argument; free() never enters an instance
        if ('stale' in v) expectStale(v.stale, t, 'stale method call')
        if ('staleArgument' in v) expectStale(v.staleArgument, t, 'stale argument')
        if ('staleFree' in v && !v.staleFree.ok) expectStale(v.staleFree, t, 'stale free()')
        // photon's second trigger: a static constructor
        if (t.pkg === 'photon') {
          expect(v.trigger2).toMatchObject({ ok: false, name: 'WasmAbortError', module: 'photon_rs', export: 'PhotonImage.new_from_byteslice' })
          expect(v.afterTrigger2).toMatchObject({ ok: true, value: 4 })
        }
        // the calls after recovery give what the healthy package gives
        const base = reported(baseRun, `trigger without the plugin (${unwrappedHow(t)})`).value
        for (const k of ['newObject', 'freeFunction', 'before'])
          if (k in v && base[k].ok) expect(v[k], k).toEqual(base[k])
      })
    }

    if (t.modes.includes('deep')) {
      it('deep input: an abort (RuntimeError or stack RangeError) and recovery', async () => {
        const r = reported(await runBundle(built, 'deep'), 'deep')
        const v = r.value
        note(key, {
          deep: fail(v.trigger),
          deepRecovered: (v.newObject ?? v.freeFunction)?.ok,
          deepStale: (v.stale ?? v.healthyBefore)?.name ?? 'n/a (no objects)',
        })
        expect(['RuntimeError', 'RangeError']).toContain(v.trigger.causeName)
        expectRecovered(r, t, DEEP_EXPORT[t.pkg], 'deep')
        if ('newObject' in v) expect(v.newObject).toMatchObject({ ok: true })
        if ('freeFunction' in v) expect(v.freeFunction).toMatchObject({ ok: true })
        if ('print' in v) expect(v.print).toMatchObject({ ok: true })
        if ('stale' in v) expectStale(v.stale, t, 'the object that met the deep input')
        if ('healthyBefore' in v) expectStale(v.healthyBefore, t, 'an untouched object of the dead generation')
      })
    }
  })
})

/** The contrast, once per package with a trigger (see `unwrapped` for how each runs without the plugin). */
const CONTRAST: { pkg: string; target: string; mode: Mode; how: string }[] = [
  { pkg: 'tiktoken', target: 'bundler', mode: 'trigger' },
  { pkg: 'automerge', target: 'web', mode: 'trigger' },
  { pkg: 'photon', target: 'bundler', mode: 'trigger' },
  { pkg: 'ironcalc', target: 'web', mode: 'trigger' },
  { pkg: 'swc', target: 'nodejs', mode: 'deep' },
  { pkg: 'biome', target: 'web', mode: 'deep' },
].map((c) => ({ ...c, mode: c.mode as Mode, how: unwrappedHow(TARGETS.find((o) => o.pkg === c.pkg && o.target === c.target)!) }))

describe('contrast: without the plugin the package stays corrupted', () => {
  it.each(CONTRAST)('$pkg $target $mode ($how)', async (c) => {
    const t = TARGETS.find((o) => o.pkg === c.pkg && o.target === c.target)!
    const r = await unwrapped(t, c.mode)
    const died = r.result === undefined || r.code !== 0
    const v = r.result?.value ?? {}
    // after the raw trap: which later calls met the corruption (torn borrows or a dead instance)?
    const after = Object.entries(v).filter(([k]) => !/^(before|trigger|stats)/.test(k) && k !== 'statsEnd')
    const corrupted = after
      .filter(([, o]: [string, any]) => o && o.ok === false && (RAW_CORRUPTION.test(o.message) || o.name === 'RuntimeError'))
      .map(([k, o]: [string, any]) => `${k}: ${o.name}: ${o.message.slice(0, 90)}`)
    note(`contrast ${c.pkg}`, { how: c.how, trigger: fail(v.trigger), died, corrupted, uncaught: (r.result?.uncaught ?? []).map((u: string) => u.split('\n')[0]) })
    if (!died) {
      expect(v.trigger).toMatchObject({ ok: false })
      expect(['RuntimeError', 'RangeError']).toContain(v.trigger.name)
      expect(v.trigger.module).toBeUndefined()
      expect(r.result.events).toEqual([])
    }
    expect(died || corrupted.length > 0, JSON.stringify(v, null, 1).slice(0, 3000)).toBe(true)
  })
})
