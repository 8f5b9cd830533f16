// Issue 11 item 6: Promises of async exports whose generation dies, which the app does not await. The
// awaited one rejects with the abort, also at the end of a success-only chain; the others (none, or only a
// success handler attached) stay silent, as without the plugin, instead of surfacing as unhandled
// rejections (which end a Node process by default).
import { describe, expect, it } from 'vitest'
import { runFixtureScenario } from './helpers/fixture.js'

describe.each(['rollup', 'esbuild'] as const)('unawaited Promises of a dead generation, bundled with %s', (bundler) => {
  it.each(['bundler', 'nodejs'])('target %s: no unhandled rejection, the awaited one is the abort', async (target) => {
    const { result: r, code, stderr } = await runFixtureScenario(bundler, 'abort', target, 'unawaited')
    expect(r, stderr).toBeDefined()
    expect(code).toBe(0)
    expect(r).toEqual({
      panic: 'WasmAbortError',
      awaited: { ok: false, name: 'WasmAbortError' },
      // before: a success-only chain never settled, so an awaited one hung (@swc/wasm-web's `transform(x).then(…)`)
      chained: { ok: false, name: 'WasmAbortError' },
      next: { ok: true, value: 3 },
      after: { ok: true, value: 4 },
      unhandled: [],
    })
  })
})

it('without the plugin: the same app (its only unhandled rejection is the trap inside async_panic)', async () => {
  const { result: r, code } = await runFixtureScenario('rollup', 'abort', 'nodejs', 'unawaited', { plugin: false })
  expect(code).toBe(0)
  expect(r).toEqual({
    panic: 'RuntimeError',
    // the aborted instance carried on and answered (the corruption the plugin exists for)
    awaited: { ok: true, value: 4 },
    chained: { ok: true, value: 7 },
    next: { ok: true, value: 3 },
    after: { ok: true, value: 4 },
    unhandled: ['RuntimeError: unreachable'],
  })
})
