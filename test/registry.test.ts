// Issue 12: what copies of the runtime share on globalThis, and modules that share a name.
import { cpSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { bundle, OUT_DIR, runNode, TEST_DIR, writeEntry } from './helpers/bundle.js'
import { fixtureGlue } from './helpers/fixture.js'

const SCENARIOS = join(TEST_DIR, 'scenarios', 'registry')

describe('the shared registry gives another script nothing of the app', () => {
  it('a script loaded after the app cannot read its memory, patch its exports, clear its listeners, inject a supervisor or replace the global; two bundles still meet', async () => {
    const app = join(SCENARIOS, 'app.mjs')
    const a = await bundle('esbuild', 'registry-app-a', app)
    const b = await bundle('esbuild', 'registry-app-b', app, { plugin: { policy: 'poison' } })
    const { result: r, stderr } = await runNode(join(SCENARIOS, 'page.mjs'), 120_000, [a.file, b.file, join(SCENARIOS, 'attacker.mjs')])
    expect(r, stderr).toBeDefined()
    expect(r.greet).toMatch(/^hello, S3CR3T-/)
    expect(r.panicA).toMatchObject({ ok: false, name: 'WasmAbortError' })
    // every attempt failed
    expect(r.attack.readSecret).toBe(false)
    expect(r.recheck.readSecret).toBe(false)
    expect(r.attack.patchedSomething).toBe(false)
    expect(r.addAfterAttack).toEqual({ ok: true, value: 3 })
    expect(r.listenerStillHears).toEqual(['abort', 'reinit'])
    expect(r.fakeEventsHeard).toBe(0)
    expect(r.attack.replaced).toEqual([])
    // the liar got a copy of its own: it could neither take the app's place nor add fields
    const mine = r.statsAfterAttack.find((s: any) => s.id === 'wr_fixture#1')
    expect(mine).toEqual({ module: 'wr_fixture', id: 'wr_fixture#1', copy: 1, copies: 2, state: 'live', generation: 2, aborts: 2, reinits: 2 })
    expect(r.statsAfterAttack.filter((s: any) => s.generation === 4242)).toEqual([
      { module: 'wr_fixture', id: 'wr_fixture#2', copy: 2, copies: 2, state: 'live', generation: 4242, aborts: 0, reinits: 0 },
    ])
    // a member whose stats throw is left out; the runtime sets nothing else on globalThis
    expect(r.statsAfterAttack.map((s: any) => s.id ?? s.module)).toEqual(['wr_fixture#1', 'wr_fixture#2'])
    expect(r.attack.keys).toEqual(['Symbol(wasm-recovery.channel)'])
    // the attacker joined and heard events, and still reached no memory through them
    expect(r.recheck.events).toBeGreaterThan(0)
    // B, bundled separately, and A see each other's modules and events
    expect(r.panicB).toMatchObject({ ok: false, name: 'WasmAbortError' })
    expect(r.bRefuses).toMatchObject({ ok: false, name: 'WasmUnavailableError', reason: 'poisoned' })
    expect(r.aSeesB).toEqual([
      { type: 'abort', module: 'wr_fixture', id: 'wr_fixture#3', generation: 0, error: 'WasmAbortError', cause: false },
      { type: 'poisoned', module: 'wr_fixture', id: 'wr_fixture#3', generation: 0 },
    ])
    expect(r.bSeesA).toEqual([
      { type: 'abort', module: 'wr_fixture', id: 'wr_fixture#3', generation: 0, error: 'WasmAbortError', cause: true },
      { type: 'abort', module: 'wr_fixture', id: 'wr_fixture#1', generation: 2, error: 'WasmAbortError', cause: false },
    ])
    for (const stats of [r.statsA, r.statsB]) {
      expect(stats.map((s: any) => [s.id, s.state])).toEqual([
        ['wr_fixture#1', 'live'],
        ['wr_fixture#2', 'live'],
        ['wr_fixture#3', 'poisoned'],
      ])
    }
    // by name, the unhealthy copy is what is reported; the reset repairs it and leaves A's objects alone
    expect(r.worst).toMatchObject({ ok: true, value: { id: 'wr_fixture#3', state: 'poisoned', copies: 3 } })
    expect(r.reset).toBe('ok')
    expect(r.bAfterReset).toEqual({ ok: true, value: 3 })
    expect(r.heldAfterReset).toEqual({ ok: true, value: 7 })
    expect(r.statsAfterReset.map((s: any) => s.state)).toEqual(['live', 'live', 'live'])
  })
})

describe('a hostile script loaded before the app', () => {
  const apps = async () => {
    const app = join(SCENARIOS, 'app.mjs')
    return [(await bundle('esbuild', 'registry-before-a', app)).file, (await bundle('esbuild', 'registry-before-b', app)).file]
  }

  it('a fake channel keeps the members it is handed: they answer plain stats and repair requests only; each app still answers for its own modules', async () => {
    const { result: r, stderr } = await runNode(join(SCENARIOS, 'before.mjs'), 120_000, [...(await apps()), 'hostile'])
    expect(r, stderr).toBeDefined()
    expect(r.members).toBe(2)
    expect(r.reached).toEqual([])
    expect(r.snapshots).toEqual([
      [{ key: 100, module: 'wr_fixture', state: 'live', generation: 0, aborts: 0, reinits: 0 }],
      [{ key: 101, module: 'wr_fixture', state: 'live', generation: 0, aborts: 0, reinits: 0 }],
    ])
    expect(r.heldAfterResets).toEqual({ ok: true, value: 2 })
    // the limit, as documented: what arrives through the channel is not authenticated
    expect(r.spoofHeard).toBe(1)
    expect(r.panicA).toMatchObject({ ok: false, name: 'WasmAbortError' })
    expect(r.addA).toEqual({ ok: true, value: 3 })
    expect(r.statsA).toEqual([{ module: 'wr_fixture', state: 'live', generation: 1, aborts: 1, reinits: 1 }])
    expect(r.statsB).toEqual([{ module: 'wr_fixture', state: 'live', generation: 0, aborts: 0, reinits: 0 }])
  })

  it('a key holding something else: each copy keeps a private registry and the app works', async () => {
    const { result: r, stderr } = await runNode(join(SCENARIOS, 'before.mjs'), 120_000, [...(await apps()), 'junk'])
    expect(r, stderr).toBeDefined()
    expect(r.addA).toEqual({ ok: true, value: 3 })
    expect(r.statsA).toEqual([{ module: 'wr_fixture', state: 'live', generation: 1, aborts: 1, reinits: 1 }])
    expect(r.statsB).toEqual([{ module: 'wr_fixture', state: 'live', generation: 0, aborts: 0, reinits: 0 }])
  })
})

describe('several copies of one module name', () => {
  it('every copy is visible and addressable; a reset by name repairs the tripped copy and never stales the healthy one', async () => {
    const dir = join(OUT_DIR, 'registry-copies')
    rmSync(dir, { recursive: true, force: true })
    const src = fixtureGlue('abort', 'bundler').replace(/\/wr_fixture\.js$/, '')
    for (const copy of ['one', 'two']) {
      mkdirSync(join(dir, copy), { recursive: true })
      cpSync(src, join(dir, copy), { recursive: true })
    }
    const entry = writeEntry(
      'registry-copies',
      `import * as one from ${JSON.stringify(join(dir, 'one', 'wr_fixture.js'))}
import * as two from ${JSON.stringify(join(dir, 'two', 'wr_fixture.js'))}
import run from ${JSON.stringify(join(SCENARIOS, 'copies.mjs'))}
console.log('RESULT:' + JSON.stringify(await run(one, two)))
`,
    )
    const b = await bundle('esbuild', 'registry-copies', entry, { plugin: { circuitBreaker: { maxConsecutiveAborts: 2 } } })
    const { result: r, stderr } = await runNode(b.file)
    expect(r, stderr).toBeDefined()
    expect(r.trip).toEqual(['WasmAbortError', 'WasmAbortError'])
    expect(r.oneRefuses).toMatchObject({ ok: false, name: 'WasmUnavailableError', reason: 'breaker' })
    expect(r.all).toEqual([
      { module: 'wr_fixture', id: 'wr_fixture#1', copy: 1, copies: 2, state: 'poisoned', generation: 1, aborts: 2, reinits: 1 },
      { module: 'wr_fixture', id: 'wr_fixture#2', copy: 2, copies: 2, state: 'live', generation: 0, aborts: 0, reinits: 0 },
    ])
    expect(r.byName).toEqual(r.all[0])
    expect(r.byId).toEqual([
      { ok: true, value: 'poisoned' },
      { ok: true, value: 'live' },
    ])
    expect(r.reset).toBe('ok')
    expect(r.oneAfterReset).toEqual({ ok: true, value: 3 })
    expect(r.heldAfterReset).toEqual({ ok: true, value: 2 })
    expect(r.byNameAfter).toMatchObject({ id: 'wr_fixture#2', state: 'live' })
    expect(r.resetHealthy).toBe('ok')
    expect(r.heldAfterHealthyReset).toEqual({ ok: true, value: 3 })
    expect(r.resetById).toBe('ok')
    expect(r.heldAfterIdReset).toMatchObject({ ok: false, name: 'WasmStaleObjectError' })
    expect(r.statsEnd).toEqual([
      ['wr_fixture#1', 'live', 2],
      ['wr_fixture#2', 'live', 1],
    ])
    expect(r.events).toEqual([
      'abort:wr_fixture#1',
      'reinit:wr_fixture#1',
      'abort:wr_fixture#1',
      'poisoned:wr_fixture#1',
      'reinit:wr_fixture#1',
      'reinit:wr_fixture#2',
    ])
  })
})
