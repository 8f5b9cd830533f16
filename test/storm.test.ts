import { describe, expect, it } from 'vitest'
import { BUNDLERS } from './helpers/bundle.js'
import { runFixtureScenario } from './helpers/fixture.js'

describe.each(BUNDLERS)('a module that can no longer do anything, bundled with %s', (bundler) => {
  it('fresh instances aborting in their start function trip the breaker instead of re-instantiating forever; a 10 s storm of calls stays cheap', async () => {
    const { result: r, stderr, code } = await runFixtureScenario(bundler, 'abort', 'bundler', 'storm', { preload: 'start-trap.mjs' })
    expect(r, stderr).toBeDefined()
    expect(code).toBe(0)
    expect(r.first).toEqual({ ok: true, value: 3 })
    // the panic aborts generation 0 and the eager recovery's fresh instance aborts in its start (2 aborts);
    // each later call tries one fresh instance, whose start aborts, until 20 aborts in a row (the
    // default threshold) poison the module: 19 calls see an abort, the other 81 are refused
    expect(r.names).toEqual({ WasmAbortError: 19, 'WasmUnavailableError:breaker': 81 })
    expect(r.instancesAfterStorm).toBe(20)
    expect(r.stats).toEqual(expect.objectContaining({ state: 'poisoned', aborts: 20 }))
    expect(r.poisonedEvents).toBe(1)
    // refused calls make no instance, and the event loop keeps turning
    expect(r.instancesAfter10s).toBe(20)
    expect(r.refusedCalls).toBeGreaterThan(10_000)
    expect(r.maxLagMs).toBeLessThan(500)
    expect(r.rssMb).toBeLessThan(400)
  }, 60_000)
})
