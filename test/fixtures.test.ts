import { describe, expect, it } from 'vitest'
import { BUNDLERS } from './helpers/bundle.js'
import { NODE_TARGETS, runFixtureScenario } from './helpers/fixture.js'

const abort = (exportName: string | undefined, generation: number, panicMessage?: string) =>
  expect.objectContaining({
    ok: false,
    name: 'WasmAbortError',
    module: 'wr_fixture',
    ...(exportName ? { export: exportName } : {}),
    generation,
    ...(panicMessage ? { panicMessage } : {}),
  })
const ok = (value?: unknown) => (value === undefined ? expect.objectContaining({ ok: true }) : { ok: true, value })
const stale = (exportName: string) => expect.objectContaining({ ok: false, name: 'WasmStaleObjectError', module: 'wr_fixture', export: exportName })

describe.each(BUNDLERS)('own fixture crate, panic=abort, bundled with %s', (bundler) => {
  it.each(NODE_TARGETS)('target %s: every failure mode gives a typed error and the next call works', async (target) => {
    const { result: r, code, stderr, warnings } = await runFixtureScenario(bundler, 'abort', target, 'fixture')
    expect(warnings.filter((w) => /wasm-recovery/.test(w.message)), 'no plugin warning').toEqual([])
    expect(r, stderr).toBeDefined()
    expect(code).toBe(0)

    expect(r.add).toEqual(ok(3))
    expect(r.greet).toEqual(ok('hello, x'))
    expect(r.startCount).toEqual(ok(1))

    // a plain panic: typed, with the panic text; the fresh instance ran its start function once
    expect(r.panic).toEqual(abort('panic_now', 0, 'boom'))
    expect(r.panic.causeName).toBe('RuntimeError')
    expect(r.afterPanic).toEqual(ok(5))
    expect(r.startAfterPanic).toEqual(ok(1))
    expect(r.statsAfterPanic).toEqual({ module: 'wr_fixture', state: 'live', generation: 1, aborts: 1, reinits: 1 })

    // panic while `&mut self` is borrowed: the object is stale (typed), never "recursive use …"
    expect(r.increment).toEqual(ok(6))
    expect(r.panicInMut).toEqual(abort('Counter.panic_in_mut', 1, 'panic_in_mut at value 7'))
    expect(r.staleIncrement).toEqual(stale('Counter.increment'))
    expect(r.staleGetter).toEqual(stale('Counter.value'))
    expect(r.staleFree).toEqual(ok())
    expect(r.freshCounter).toEqual(ok(2))
    expect(r.isInstance).toBe(true)

    // a JS exception through Rust frames passes untouched; the torn borrow it leaves is an abort on next use
    expect(r.throwingCallback).toEqual(expect.objectContaining({ ok: false, name: 'Error', message: 'from js' }))
    expect(r.afterTorn).toEqual(abort('Counter.increment', 2))
    expect(r.afterTorn.causeMessage).toMatch(/recursive use of an object detected/)
    expect(r.afterTornFresh).toEqual(ok(4))
    expect(r.callCallbackThrows).toEqual(expect.objectContaining({ ok: false, name: 'Error', message: 'plain js' }))
    expect(r.callCallbackOk).toEqual(ok(42))

    // a `catch` import: Rust handled it, nothing to recover
    expect(r.tryCallback).toEqual(expect.objectContaining({ ok: false, name: 'Error', message: 'caught by rust' }))
    expect(r.tryCallbackOk).toEqual(ok(6))

    // allocation failure and stack overflow
    expect(r.oom).toEqual(abort('alloc_huge', 3))
    expect(r.afterOom).toEqual(ok(1024))
    expect(r.recursion).toEqual(abort('recurse', 4))
    expect(r.recursion.causeName).toBe('RangeError')
    expect(r.afterRecursion.ok).toBe(true)

    // nested abort (wasm → JS → wasm): the outer caller gets the same typed error
    expect(r.nested).toEqual(abort('panic_now', 5, 'inner'))
    expect(r.afterNested).toEqual(ok(42))

    // a closure called by the app later: typed abort, then the closure is stale
    expect(r.closure).toEqual(ok(8))
    expect(r.closurePanic).toEqual(abort(undefined, 6, 'closure called with 0'))
    expect(r.closurePanic.export).toBeUndefined()
    expect(r.afterClosure).toEqual(ok(2))
    expect(r.staleClosure).toEqual(expect.objectContaining({ ok: false, name: 'WasmStaleObjectError', generation: 6 }))

    // an async export that panics in a microtask settles (it used to hang) and raises nothing uncaught
    expect(r.asyncOk).toEqual(ok(2))
    expect(r.asyncPanic).toEqual(expect.objectContaining({ ok: false, name: 'WasmAbortError', generation: 7, panicMessage: 'async boom' }))
    expect(r.afterAsync).toEqual(ok(7))
    expect(r.abortWhilePending).toEqual(abort('panic_now', 8, 'while pending'))
    expect(r.pendingAtAbort).toEqual(expect.objectContaining({ ok: false, name: 'WasmAbortError', generation: 8 }))
    expect(r.afterPending).toEqual(ok(7))

    // Drop runs; finalizers of the dead generation never enter an instance (GC after the panic)
    expect(r.dropped).toBe(1)
    expect(r.panicWithGarbage).toEqual(abort('panic_now', 9, 'with garbage'))
    expect(r.afterGc).toEqual(ok(2))

    expect(r.stats).toEqual({ module: 'wr_fixture', state: 'live', generation: 10, aborts: 10, reinits: 10 })
    expect(r.events.map((e: { type: string }) => e.type)).toEqual(Array(10).fill(['abort', 'reinit']).flat())
    expect(r.uncaught).toEqual([])
  })
})

describe.each(BUNDLERS)('the same failures without the plugin, bundled with %s', (bundler) => {
  // only targets a bundler can load without a wasm plugin
  it.each(['nodejs', 'web'])('target %s: the object stays poisoned — the plugin is what fixes it', async (target) => {
    const plain = await runFixtureScenario(bundler, 'abort', target, 'poisoned', { plugin: false })
    expect(plain.result, plain.stderr).toBeDefined()
    expect(plain.result.panicInMut).toEqual(expect.objectContaining({ ok: false, name: 'RuntimeError', message: 'unreachable' }))
    expect(plain.result.sameObject).toEqual(expect.objectContaining({ ok: false, message: expect.stringMatching(/recursive use of an object detected/) }))

    const fixed = await runFixtureScenario(bundler, 'abort', target, 'poisoned')
    expect(fixed.result.panicInMut).toEqual(expect.objectContaining({ ok: false, name: 'WasmAbortError' }))
    expect(fixed.result.sameObject).toEqual(expect.objectContaining({ ok: false, name: 'WasmStaleObjectError' }))
    expect(fixed.result.newObject).toEqual({ ok: true, value: 2 })
    expect(fixed.result.afterPanic).toEqual({ ok: true, value: 3 })
  })
})
