// Policy 'rollback' (issue 7): an abort fails the call (WasmAbortError) but the state from before that
// call is restored into a fresh instance, so the objects the app holds stay valid with their content.
// Real bundles (Rollup, esbuild) of our fixture crate (every target) and of real npm packages, run in Node.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import * as esbuild from 'esbuild'
import { beforeAll, describe, expect, it } from 'vitest'
import wasmRecoveryRollup from '@wasm-recovery/rollup'
import { BUNDLERS, OUT_DIR, TEST_DIR, bundle, runNode, writeEntry, type Bundler } from './helpers/bundle.js'
import { TARGETS, corpusEntry, formatFor, label, runBundle } from './helpers/corpus.js'
import { fixtureGlue, NODE_TARGETS, runFixtureScenario } from './helpers/fixture.js'

const ROLLBACK = { policy: 'rollback' } as const
const PHOTON = 'node_modules/@silvia-odwyer/photon/photon_rs.js'
const abort = (exp: string) => ({ ok: false, name: 'WasmAbortError', export: exp, generation: 0, causeName: expect.any(String) })
const stale = { ok: false, name: 'WasmStaleObjectError' }

describe.each(BUNDLERS)('fixture crate, %s', (bundler) => {
  it.each(NODE_TARGETS)('%s target: held objects keep their state across aborts', async (target) => {
    const { result: r, stderr, warnings } = await runFixtureScenario(bundler, 'abort', target, 'rollback/fixture', { plugin: ROLLBACK })
    expect(r, stderr).toBeDefined()
    // (the runtime itself speaks wasm-bindgen's names: it must not be taken for glue)
    expect(warnings.filter((w) => /wasm-recovery/.test(w.message))).toEqual([])
    expect(r.before).toEqual([6, 100])
    expect(r.panicInMut).toMatchObject(abort('Counter.panic_in_mut'))
    expect(r.panicInMut.message).toMatch(/state from before the call is restored/)
    // panic_in_mut added 1 before it panicked: undone; the other counter untouched
    expect(r.afterPanicInMut).toEqual({ ok: true, value: [6, 7, 100, 101] })
    expect(r.panicNow).toMatchObject(abort('panic_now'))
    expect(r.afterPanicNow).toEqual({ ok: true, value: [7, 101, 5, 'hello, x'] })
    expect(r.recurse).toMatchObject({ ...abort('recurse'), causeName: 'RangeError' })
    expect(r.afterRecurse).toEqual({ ok: true, value: [8, 101] })
    expect(r.allocHuge).toMatchObject(abort('alloc_huge'))
    expect(r.afterAllocHuge).toEqual({ ok: true, value: [8, 101] })
    // an object made inside the failed call does not exist in the restored state
    expect(r.keptAcross).toMatchObject(abort('panic_now'))
    expect(r.keptObject).toMatchObject({ ...stale, export: 'Counter.value' })
    expect(r.keptObject.message).toMatch(/made after the checkpoint/)
    expect(r.keptFree).toEqual({ ok: true })
    expect(r.afterKept).toEqual({ ok: true, value: [8, 101] })
    expect(r.grownInFailedCall).toMatchObject(abort('panic_now'))
    expect(r.afterGrown).toEqual({ ok: true, value: [8, 101, 1 << 20] })
    // an object freed inside the failed call is back, and can be freed again (exactly one drop)
    expect(r.freedInFailedCall).toMatchObject(abort('panic_now'))
    expect(r.afterFreed).toEqual({ ok: true, value: [51, 52, 0] })
    expect(r.freeAgain.value[1]).toBe(1)
    expect(r.thrownThrough).toMatchObject({ ok: false, name: 'Error', message: 'from a callback' })
    expect(r.afterThrown).toEqual({ ok: true, value: [8, 9, 9] })
    // an abort in a future polled from a microtask, no other async export pending at the checkpoint: rolled back
    expect(r.asyncPanic).toMatchObject({ ok: false, name: 'WasmAbortError', generation: 0, panicMessage: 'later' })
    expect(r.asyncPanic.export).toBeUndefined()
    expect(r.afterAsync).toEqual({ ok: true, value: [2, 9] })
    // another one pending at that checkpoint: rollback-failed, then a normal reinit
    expect(r.asyncPanic2).toMatchObject({ ok: false, name: 'WasmAbortError', generation: 0, panicMessage: 'again' })
    expect([JSON.stringify({ ok: true, value: 2 }), 'WasmAbortError']).toContain(r.other.ok ? JSON.stringify(r.other) : r.other.name)
    expect(r.afterAsync2).toEqual({ ok: true, value: [2] })
    expect(r.oldAfterReinit).toMatchObject(stale)
    expect(r.manual).toEqual({ ok: true })
    expect(r.afterManual).toEqual({ ok: true, value: [2, 2] })
    expect(r.stats).toMatchObject({ state: 'live', generation: 1, aborts: 9, reinits: 1, rollbacks: 9 })
    expect(r.events.map((e: any) => e.type)).toEqual([
      ...Array(7).fill(['abort', 'rollback']).flat(),
      'rollback',
      'abort', 'rollback',
      'abort', 'rollback-failed', 'reinit',
    ])
    expect(r.events[14]).toMatchObject({ type: 'rollback', export: 'Counter.with_callback', reason: 'exception' })
    expect(r.events.find((e: any) => e.type === 'rollback-failed').reason).toMatch(/outside a call/)
    expect(r.events.find((e: any) => e.type === 'rollback').bytes).toBeGreaterThan(65536)
    expect(r.uncaught).toEqual([])
  })
})

describe('glue with upstream machinery', () => {
  it("panic=unwind: PanicError passes through (Rust unwound its own frames: nothing to undo); an OOM abort is rolled back", async () => {
    const { result: r, stderr } = await runFixtureScenario('rollup', 'unwind', 'bundler', 'unwind', { plugin: ROLLBACK })
    expect(r, stderr).toBeDefined()
    expect(r.panic).toEqual({ ok: false, name: 'PanicError', message: 'unwound' })
    expect(r.panicInMut).toEqual({ ok: false, name: 'PanicError', message: 'panic_in_mut at value 7' })
    // as under 'reinit': the panic's own +1 stays (Rust ran its destructors; the call was not torn)
    expect(r.sameObject).toEqual({ ok: true, value: 8 })
    expect(r.oom).toMatchObject(abort('alloc_huge'))
    expect(r.afterOom).toEqual({ ok: true, value: 4 })
    expect(r.stats).toMatchObject({ generation: 0, aborts: 1, reinits: 0, rollbacks: 1 })
    expect(r.events.map((e: { type: string }) => e.type)).toEqual(['abort', 'rollback'])
    expect(r.uncaught).toEqual([])
  })
})

describe('options', () => {
  it("checkpoint: 'manual' returns to the app's checkpoint; objects made after it fail typed", async () => {
    const { result: r, stderr } = await runFixtureScenario('esbuild', 'abort', 'bundler', 'rollback/manual', {
      plugin: { policy: 'rollback', rollback: { checkpoint: 'manual' } },
    })
    expect(r, stderr).toBeDefined()
    expect(r.noCheckpoint).toMatchObject(abort('panic_now'))
    expect(r.earlyAfterReinit).toMatchObject(stale)
    expect(r.insideCall).toMatchObject({ ok: false, message: expect.stringMatching(/inside a call/) })
    expect(r.checkpoint).toEqual({ ok: true })
    expect(r.panic).toMatchObject({ ok: false, name: 'WasmAbortError', generation: 1 })
    expect(r.a).toEqual({ ok: true, value: [11, 12] })
    expect(r.b).toMatchObject({ ...stale, generation: 1 })
    expect(r.bFree).toEqual({ ok: true })
    expect(r.bInstanceof).toBe(true)
    expect(r.stats).toMatchObject({ state: 'live', generation: 1, aborts: 2, reinits: 1, rollbacks: 1, checkpoints: 2 })
    expect(r.events).toEqual(['abort', 'rollback-failed', 'reinit', 'abort', 'rollback'])
    expect(r.uncaught).toEqual([])
  })

  it('readOnly exports skip the next checkpoint; over maxMemory an abort reinitialises', async () => {
    const run = (plugin: object) => runFixtureScenario('rollup', 'abort', 'bundler', 'rollback/limits', { plugin })
    const [ro, all] = await Promise.all([
      run({ policy: 'rollback', rollback: { readOnly: ['add', 'Counter.value'], maxMemory: 8 << 20 } }),
      run({ policy: 'rollback', rollback: { maxMemory: 8 << 20 } }),
    ])
    expect(ro.result, ro.stderr).toBeDefined()
    // the constructor took #1; then only calls after a change take one
    expect(ro.result.steps).toEqual([['add', 2], ['add again', 2], ['value', 2], ['increment', 2], ['value after increment', 3], ['add after value', 3]])
    expect(all.result.steps).toEqual([['add', 2], ['add again', 3], ['value', 4], ['increment', 5], ['value after increment', 6], ['add after value', 7]])
    for (const { result: r } of [ro, all]) {
      expect(r.panicSmall).toMatchObject(abort('Counter.panic_in_mut'))
      expect(r.afterSmall).toEqual({ ok: true, value: 2 })
      expect(r.grow).toEqual({ ok: true, value: 16 << 20 })
      expect(r.panicBig).toMatchObject(abort('Counter.panic_in_mut'))
      expect(r.afterBig).toMatchObject(stale)
      expect(r.failed).toEqual([expect.stringMatching(/over rollback.maxMemory/)])
      expect(r.stats).toMatchObject({ generation: 1, rollbacks: 1, reinits: 1 })
      expect(r.uncaught).toEqual([])
    }
  })

  it("checkpoint: 'manual' on glue that registers no objects falls back to reinit (photon 0.2.68)", async () => {
    const entry = writeEntry(
      'rollback-photon-manual',
      `import * as m from ${JSON.stringify(join(TEST_DIR, PHOTON))}\n` +
        `import run from ${JSON.stringify(join(TEST_DIR, 'scenarios', 'rollback', 'photon-manual.mjs'))}\n` +
        `run(m).then((r) => console.log('RESULT:' + JSON.stringify(r)))\n`,
    )
    const b = await bundle('esbuild', 'rollback-photon-manual', entry, { plugin: { policy: 'rollback', rollback: { checkpoint: 'manual' } } })
    const { result: r, stderr } = await runNode(b.file)
    expect(r, stderr).toBeDefined()
    expect(r.checkpoint).toEqual({ ok: true })
    expect(r.crop).toMatchObject(abort('crop'))
    expect(r.reasons).toEqual([expect.stringMatching(/registers no objects/)])
    expect(r.img).toMatchObject(stale)
    expect(r.fresh).toEqual({ ok: true, value: 4 })
    expect(r.stats).toMatchObject({ generation: 1, reinits: 1, rollbacks: 0 })
    expect(r.uncaught).toEqual([])
  })

  it('with no spare instance at checkpoint time, the copies are restored into a fresh instance', async () => {
    const { result: r, stderr } = await runFixtureScenario('esbuild', 'abort', 'bundler', 'rollback/copies', { plugin: ROLLBACK })
    expect(r, stderr).toBeDefined()
    expect(r.calls).toEqual({ ok: true, value: [6, 7, 'hello, copies'] })
    expect(r.refused).toBe(5) // one attempt per checkpoint: constructor, 2 × increment, greet, with_callback
    expect(r.panic).toMatchObject(abort('panic_now'))
    expect(r.madeForRestore).toBe(1)
    expect(r.after).toEqual({ ok: true, value: [7, 8, 3] })
    expect(r.panic2).toMatchObject(abort('panic_now'))
    expect(r.after2).toEqual({ ok: true, value: [8, 9] })
    expect(r.stats).toMatchObject({ generation: 0, rollbacks: 2, reinits: 0 })
    expect(r.events).toEqual(['abort', 'rollback', 'abort', 'rollback'])
    expect(r.uncaught).toEqual([])
  })

  it("a plain JS export of the glue called before its init (typst's wasm-pack-shim): no checkpoint without an instance", async () => {
    // before: "Cannot convert undefined or null to object" (Object.keys of the missing instance) at load
    const dir = join(OUT_DIR, 'rollback-js-export')
    mkdirSync(dir, { recursive: true })
    const web = fixtureGlue('abort', 'web')
    copyFileSync(web.replace(/\.js$/, '_bg.wasm'), join(dir, 'wr_fixture_bg.wasm'))
    writeFileSync(join(dir, 'wr_fixture.js'), readFileSync(web, 'utf8') + '\nlet hook;\nexport function setHook(f) { hook = f; }\n')
    const entry = writeEntry('rollback-js-export', `import init, * as m from ${JSON.stringify(join(dir, 'wr_fixture.js'))}
m.setHook(() => 1)
await init()
const c = new m.Counter(5)
c.increment()
let panic
try { m.panic_now('x') } catch (e) { panic = e.name }
console.log('RESULT:' + JSON.stringify({ panic, value: c.value }))
`)
    const b = await bundle('esbuild', 'rollback-js-export', entry, { plugin: ROLLBACK, format: 'esm' })
    const { result: r, stderr } = await runNode(b.file)
    expect(r, stderr).toEqual({ panic: 'WasmAbortError', value: 6 })
  })

  it('bad rollback options are errors naming the option', () => {
    expect(() => wasmRecoveryRollup({ policy: 'rollback', rollback: { checkpoint: 'always' as never } })).toThrow(/`rollback\.checkpoint`/)
    expect(() => wasmRecoveryRollup({ rollback: { maxMemory: -1 } })).toThrow(/`rollback\.maxMemory`/)
    expect(() => wasmRecoveryRollup({ rollback: { readOnly: 'add' as never } })).toThrow(/`rollback\.readOnly`/)
    expect(() => wasmRecoveryRollup({ rollback: { every: 1 } as never })).toThrow(/`rollback\.every`/)
    expect(() => wasmRecoveryRollup({ rollback: [] as never })).toThrow(/`rollback`/)
    expect(() => wasmRecoveryRollup({ policy: 'rollback', rollback: { checkpoint: 'manual', maxMemory: 1 << 20, readOnly: ['add'] } })).not.toThrow()
  })
})

// The CORPUS triggers, under policy 'rollback': the image / doc held before the failing call is intact.
const PACKAGES: [string, string][] = [
  ['photon', PHOTON],
  ['automerge', 'node_modules/@automerge/automerge-wasm/bundler/automerge_wasm.js'],
]

async function runPackage(bundler: Bundler, name: string, glue: string) {
  const entry = writeEntry(
    `rollback-${name}-${bundler}`,
    `import * as m from ${JSON.stringify(join(TEST_DIR, glue))}\n` +
      `import run from ${JSON.stringify(join(TEST_DIR, 'scenarios', 'rollback', `${name}.mjs`))}\n` +
      `run(m).then((r) => console.log('RESULT:' + JSON.stringify(r)))\n`,
  )
  const b = await bundle(bundler, `rollback-${name}`, entry, { plugin: ROLLBACK })
  return runNode(b.file)
}

describe.each(BUNDLERS)('real packages, %s', (bundler) => {
  it('photon: the image keeps its pixels (byte for byte) across crop and new_from_byteslice panics', async () => {
    const { result: r, stderr } = await runPackage(bundler, 'photon', PACKAGES[0][1])
    expect(r, stderr).toBeDefined()
    expect(r.crop).toMatchObject({ ...abort('crop'), causeMessage: 'unreachable' })
    expect(r.afterCrop).toEqual({ identical: true, width: { ok: true, value: 64 } })
    expect(r.fromBytes).toMatchObject(abort('PhotonImage.new_from_byteslice'))
    expect(r.afterFromBytes).toEqual({ ok: true, value: true })
    expect(r.stillWorks).toEqual({ ok: true, value: true })
    expect(r.free).toEqual({ ok: true })
    expect(r.stats).toMatchObject({ state: 'live', generation: 0, aborts: 2, reinits: 0, rollbacks: 2 })
    expect(r.events).toEqual(['abort', 'rollback', 'abort', 'rollback'])
    expect(r.uncaught).toEqual([])
  })

  it("automerge: the doc's save() is identical after the commit panic, and it keeps working", async () => {
    const { result: r, stderr } = await runPackage(bundler, 'automerge', PACKAGES[1][1])
    expect(r, stderr).toBeDefined()
    expect(r.commit).toMatchObject({ ...abort('Automerge.commit'), panicMessage: expect.stringMatching(/deps should already be in the document/) })
    // restored to just before commit(): isolated, with its one pending put
    expect(r.pending).toEqual({ ok: true, value: 1 })
    expect(r.after.identical).toBe(true)
    expect(r.after.doc).toEqual({ ok: true, value: r.before.doc })
    expect(r.stillWorks).toEqual({ ok: true, value: JSON.stringify({ list: [1, 2, 'three', 'four'], n: 42, title: 'hello' }) })
    expect(r.merge.ok).toBe(true)
    expect(r.stats).toMatchObject({ state: 'live', generation: 0, aborts: 1, rollbacks: 1 })
    expect(r.events).toEqual(['abort', 'rollback'])
    expect(r.uncaught).toEqual([])
  })
})

// Packages as published (issue 11): re-bundled web glue without initSync (resvg), a package's own CommonJS
// loader (tiktoken's node entry), old nodejs glue (@dqbd/tiktoken 0.4.0), re-bundled web glue with its wasm
// inlined (@cf-wasm/photon's node entry).
const REACH: { which: string; glue: string; export: string; format?: 'cjs'; params?: Record<string, unknown> }[] = [
  { which: 'resvg', glue: 'node_modules/@resvg/resvg-wasm/index.mjs', export: 'Resvg.render', params: { wasm: join(TEST_DIR, 'node_modules/@resvg/resvg-wasm/index_bg.wasm') } },
  { which: 'tiktoken', glue: 'node_modules/tiktoken/tiktoken.cjs', export: 'Tiktoken.decode', format: 'cjs' as const },
  { which: 'tiktoken', glue: 'node_modules/@dqbd/tiktoken/dist/node/_tiktoken.js', export: 'Tiktoken.decode', format: 'cjs' as const, params: { module: '_tiktoken' } },
  { which: 'photon', glue: 'node_modules/@cf-wasm/photon/dist/node.js', export: 'crop' },
  // the same resvg minified into an esbuild IIFE for a <script> tag (its heap slab inside the IIFE)
  { which: 'resvg', glue: 'node_modules/@resvg/resvg-wasm/index.min.js', export: 'Resvg.render', params: { wasm: join(TEST_DIR, 'node_modules/@resvg/resvg-wasm/index_bg.wasm') } },
]
// resvg's index.mjs minified by esbuild (its heap slab `var w=new Array(128).fill(void 0)` found by shape)
const MINIFIED_RESVG = join(OUT_DIR, 'shapes', 'resvg-minified', 'index.mjs')
REACH.push({ which: 'resvg', glue: MINIFIED_RESVG, export: 'Resvg.render', params: { ...REACH[0]!.params, module: 'index' } })
beforeAll(async () => {
  const src = join(TEST_DIR, 'node_modules/@resvg/resvg-wasm')
  mkdirSync(dirname(MINIFIED_RESVG), { recursive: true })
  await esbuild.build({ entryPoints: [join(src, 'index.mjs')], outfile: MINIFIED_RESVG, minify: true, format: 'esm', logLevel: 'silent' })
  copyFileSync(join(src, 'index_bg.wasm'), join(dirname(MINIFIED_RESVG), 'index_bg.wasm'))
})

describe.each(BUNDLERS)('packages as published under rollback, %s', (bundler) => {
  it.each(REACH)('$glue: the held object keeps its content across two triggers', async (p) => {
    const id = `rollback-reach-${REACH.indexOf(p)}-${bundler}`
    const entry = writeEntry(
      id,
      `import * as m from ${JSON.stringify(resolve(TEST_DIR, p.glue))}\n` +
        `import run from ${JSON.stringify(join(TEST_DIR, 'scenarios', 'rollback', 'reach.mjs'))}\n` +
        `run(m, ${JSON.stringify({ which: p.which, ...p.params })}).then((r) => console.log('RESULT:' + JSON.stringify(r)))\n`,
    )
    const b = await bundle(bundler, id, entry, { plugin: ROLLBACK, format: p.format })
    const { result: r, stderr } = await runNode(b.file)
    expect(r, stderr).toBeDefined()
    expect(r.before.ok).toBe(true)
    expect(r.trigger).toMatchObject(abort(p.export))
    expect(r.same).toBe(true)
    expect(r.again).toMatchObject(abort(p.export))
    expect(r.afterAgain).toEqual(r.before)
    expect(r.stats).toEqual({ state: 'live', generation: 0, aborts: 2, rollbacks: 2 })
    expect(r.events).toEqual(['abort', 'rollback', 'abort', 'rollback'])
    expect(r.uncaught).toEqual([])
  })
})

// Every corpus package and target: the same results under 'rollback' as under the default policy (the
// checkpoint code, the heap-slab accessor — inside the IIFE for no-modules glue — and the journals must
// not change what a module computes). Some of these calls fail with a JS exception through wasm frames
// (cedar): those are rolled back too, with identical results.
describe('corpus equivalence under rollback', () => {
  it.each(TARGETS.filter((t) => t.modes.includes('equivalence')).map((t) => [label(t), t] as const))('%s', async (name, t) => {
    const [rb, re] = await Promise.all(
      [{ policy: 'rollback' as const }, {}].map(async (plugin, i) => {
        const id = `rollback-eq-${name}-${i}`
        const b = await bundle('esbuild', id, writeEntry(id, corpusEntry(t, true)), { plugin, format: formatFor(t, 'esbuild') })
        return runBundle(b, 'equivalence')
      }),
    )
    expect(rb.result?.value, rb.stderr.slice(-2000)).toBeDefined()
    expect(rb.result.value).toEqual(re.result.value)
    expect(rb.result.stats).toMatchObject({ state: 'live', generation: 0, aborts: 0, reinits: 0 })
    expect(rb.result.stats.checkpoints).toBeGreaterThan(0)
    expect(rb.result.uncaught).toEqual([])
  })
})

// Issue 17: restoring that leads straight back to an abort escalates to 'reinit' (rollback.escalateAfter).
describe('escalation', () => {
  const run = async (name: string, rollback: object) => {
    const glue = PACKAGES[1][1]
    const entry = writeEntry(
      `rollback-escalation-${name}`,
      `import * as m from ${JSON.stringify(join(TEST_DIR, glue))}\n` +
        `import run from ${JSON.stringify(join(TEST_DIR, 'scenarios', 'rollback', 'escalation.mjs'))}\n` +
        `run(m).then((r) => console.log('RESULT:' + JSON.stringify(r)))\n`,
    )
    const b = await bundle('esbuild', `rollback-escalation-${name}`, entry, { plugin: { policy: 'rollback', rollback } })
    return runNode(b.file)
  }

  it('an object aborting again after rollbacks restored it reinitialises; new objects and cured ones are rolled back', async () => {
    const [byDefault, once, never] = await Promise.all([run('default', {}), run('once', { escalateAfter: 1 }), run('never', { escalateAfter: false })])
    for (const { result: r, stderr } of [byDefault, once, never]) {
      expect(r, stderr).toBeDefined()
      expect(r.freshDocs).toEqual(Array(4).fill('WasmAbortError'))
      expect(r.cured).toEqual(Array(4).fill(['WasmAbortError', 'ok']).flat())
      expect(r.curedDoc).toEqual({ ok: true, value: { good: 3 } })
      // 8 aborts, all rolled back: nothing escalated so far
      expect(r.beforeDoomed).toMatchObject({ generation: 0, aborts: 8, rollbacks: 8, reinits: 0 })
      expect(r.after).toEqual({ ok: true, value: {} })
      expect(r.uncaught).toEqual([])
    }
    const doomed = (r: any) => r.doomed.map((o: any) => `${o.name}@${o.generation}`)
    // default 2: two rollbacks, the third abort reinitialises, then the doc is stale (the app rebuilds it)
    expect(doomed(byDefault.result)).toEqual(['WasmAbortError@0', 'WasmAbortError@0', 'WasmAbortError@0', 'WasmStaleObjectError@0'])
    expect(byDefault.result.stats).toMatchObject({ state: 'live', generation: 1, aborts: 11, rollbacks: 10, reinits: 1 })
    expect(byDefault.result.events.slice(-4)).toEqual(['abort', 'rollback', 'abort', 'rollback-failed', 'reinit'].slice(-4))
    expect(byDefault.result.reasons).toEqual([expect.stringMatching(/^escalated to 'reinit': Automerge\.commit aborted on the same object again after 2 rollbacks .*rollback\.escalateAfter: 2/)])
    expect(doomed(once.result)).toEqual(['WasmAbortError@0', 'WasmAbortError@0', 'WasmStaleObjectError@0', 'WasmStaleObjectError@0'])
    expect(once.result.reasons).toEqual([expect.stringMatching(/after 1 rollback in a row/)])
    // false: the issue's behaviour, every commit on the doomed doc panics and nothing tells the app
    expect(doomed(never.result)).toEqual(Array(4).fill('WasmAbortError@0'))
    expect(never.result.stats).toMatchObject({ generation: 0, aborts: 12, rollbacks: 12, reinits: 0 })
    expect(never.result.reasons).toEqual([])
  })

  it('bad rollback.escalateAfter is an error naming it', () => {
    for (const bad of [0, -1, 1.5, '2', true, null])
      expect(() => wasmRecoveryRollup({ policy: 'rollback', rollback: { escalateAfter: bad as never } })).toThrow(/`rollback\.escalateAfter`: expected a whole number of rollbacks ≥ 1, or false/)
    expect(() => wasmRecoveryRollup({ policy: 'rollback', rollback: { escalateAfter: 5 } })).not.toThrow()
    expect(() => wasmRecoveryRollup({ policy: 'rollback', rollback: { escalateAfter: false } })).not.toThrow()
  })
})
