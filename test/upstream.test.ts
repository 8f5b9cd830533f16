import { describe, expect, it } from 'vitest'
import { BUNDLERS } from './helpers/bundle.js'
import { runFixtureScenario } from './helpers/fixture.js'

describe.each(BUNDLERS)('glue with upstream machinery, bundled with %s', (bundler) => {
  it.each(['bundler', 'nodejs', 'web'])('panic=unwind (%s): PanicError passes through, no new generation, the object keeps its state', async (target) => {
    const { result: r, code, stderr } = await runFixtureScenario(bundler, 'unwind', target, 'unwind')
    expect(r, stderr).toBeDefined()
    expect(code).toBe(0)
    expect(r.panic).toEqual({ ok: false, name: 'PanicError', message: 'unwound' })
    expect(r.afterPanic).toEqual({ ok: true, value: 3 })
    expect(r.increment).toEqual({ ok: true, value: 6 })
    expect(r.panicInMut).toEqual({ ok: false, name: 'PanicError', message: 'panic_in_mut at value 7' })
    // the panic added 1 before unwinding: the same object goes on from 7
    expect(r.sameObject).toEqual({ ok: true, value: 8 })
    // an allocation failure is still an abort under unwind (Rust aborts on OOM), and it recovers
    expect(r.oom).toEqual(expect.objectContaining({ name: 'WasmAbortError', export: 'alloc_huge', generation: 0 }))
    expect(r.oom.panicMessage, 'no stale panic text from an earlier PanicError').toBeUndefined()
    expect(r.afterOom).toEqual({ ok: true, value: 4 })
    expect(r.stats).toEqual({ module: 'wr_fixture', state: 'live', generation: 1, aborts: 1, reinits: 1 })
    expect(r.events.map((e: { type: string }) => e.type)).toEqual(['abort', 'reinit'])
    expect(r.uncaught).toEqual([])
  })

  it('reset-state glue (module target): never wrapped twice, aborts recover, upstream reset is ours', async () => {
    const { result: r, code, stderr } = await runFixtureScenario(bundler, 'reset-state', 'module', 'reset-state')
    expect(r, stderr).toBeDefined()
    expect(code).toBe(0)
    expect(r.hasUpstreamReset).toBe(true)
    expect(r.add).toEqual({ ok: true, value: 3 })
    expect(r.panicInMut).toEqual(expect.objectContaining({ name: 'WasmAbortError', export: 'Counter.panic_in_mut', generation: 0 }))
    expect(r.stale).toEqual(expect.objectContaining({ name: 'WasmStaleObjectError', export: 'Counter.increment' }))
    expect(r.fresh).toEqual({ ok: true, value: 3 })
    expect(r.panic).toEqual(expect.objectContaining({ name: 'WasmAbortError', generation: 1, panicMessage: 'again' }))
    expect(r.afterPanic).toEqual({ ok: true, value: 4 })
    // __wbg_reset_state() makes one of our generations: old objects are typed-stale and their free()
    // touches nothing (upstream's own free() of a stale object frees whatever now sits at its address)
    expect(r.manualReset).toEqual({ ok: true })
    expect(r.staleAfterManualReset).toEqual(expect.objectContaining({ name: 'WasmStaleObjectError', generation: 2 }))
    expect(r.freeAfterManualReset).toEqual({ ok: true })
    expect(r.dropsInFresh).toEqual({ ok: true, value: 0 })
    expect(r.afterManualReset).toEqual({ ok: true, value: 1 })
    expect(r.stats).toEqual({ module: 'wr_fixture', state: 'live', generation: 3, aborts: 2, reinits: 3 })
    expect(r.uncaught).toEqual([])
  })
})
