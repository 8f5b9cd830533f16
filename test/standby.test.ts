// Issue 16, item 5: after a recovery the runtime makes the next generation in idle time, its start held
// back (runtime standby.ts), so the next recovery only runs that start. Per binding kind of the glue.
import { describe, expect, it } from 'vitest'
import { runFixtureScenario } from './helpers/fixture.js'

describe.each(['bundler', 'web', 'nodejs'])('the generation made ahead, target %s', (target) => {
  it('takes over at the next abort, runs its start only then, and a start failing there is an abort like any other', async () => {
    const { result: r, stderr } = await runFixtureScenario('esbuild', 'abort', target, 'standby/ahead', { preload: 'standby/start-switch.mjs' })
    expect(r, stderr).toBeDefined()
    const abort = (msg: string, generation: number) => ({ ok: false, name: 'WasmAbortError', export: 'panic_now', generation, panicMessage: msg })
    expect(r.first).toMatchObject(abort('first', 0))
    // made in the idle turn (no abort needed), taken at the next abort: no instance made on that call
    expect(r.madeInIdle).toBe(1)
    expect(r.madeAtSecond).toBe(0)
    expect(r.second).toMatchObject(abort('second', 1))
    expect(r.afterSecond).toEqual({ ok: true, value: [2, 1, 5] })
    expect(r.third).toMatchObject(abort('third', 2))
    expect(r.fourth).toMatchObject(abort('fourth', 3))
    expect(r.afterFourth).toEqual({ ok: true, value: 2 })
    expect(r.generation).toBe(5)
    expect(r.events).toEqual(['abort:0:panic_now', 'reinit:1', 'abort:1:panic_now', 'reinit:2', 'abort:2:panic_now', 'reinit:3', 'abort:3:panic_now', 'abort:4:start', 'reinit:5'])
    expect(r.uncaught).toEqual([])
  })
})
