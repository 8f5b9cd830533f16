// Policy 'rollback', issue 16 item 6: the spare instance a restore used up is made again in idle time,
// not by the next call's checkpoint (the measured effect is in `npm run bench`, section 6).
import { describe, expect, it } from 'vitest'
import { BUNDLERS } from './helpers/bundle.js'
import { runFixtureScenario } from './helpers/fixture.js'

describe.each(BUNDLERS)('rollback with the event loop idle between calls, %s', (bundler) => {
  it('each restore is followed by a spare (and a checkpoint into it) made in idle time, and the next restore from it keeps the state', async () => {
    const { result: r, stderr } = await runFixtureScenario(bundler, 'abort', 'bundler', 'rollback/idle-spare', { plugin: { policy: 'rollback' } })
    expect(r, stderr).toBeDefined()
    expect(r.grow).toMatchObject({ ok: true })
    expect(r.rounds).toEqual([
      { failed: 'WasmAbortError', spares: 1, after: { ok: true, value: [6, 3] } },
      { failed: 'WasmAbortError', spares: 2, after: { ok: true, value: [7, 3] } },
      { failed: 'WasmAbortError', spares: 3, after: { ok: true, value: [8, 3] } },
    ])
    // the idle checkpoint: no copy on the call that followed it, and a valid state to return to
    expect(r.untouched).toEqual({ failed: 'WasmAbortError', checkpointsTaken: 0, after: { ok: true, value: 9 } })
    expect(r.stats).toMatchObject({ state: 'live', generation: 0, aborts: 5, rollbacks: 5, reinits: 0 })
    expect(r.events).toEqual(Array(5).fill(['abort', 'rollback']).flat())
    expect(r.uncaught).toEqual([])
  })
})
