// Rust Workers for real: Workers bundled as wrangler bundles them (esbuild, `workerd` condition) with
// @wasm-recovery/esbuild, served by workerd (the Cloudflare Workers runtime, npm `workerd`) on 127.0.0.1,
// driven over HTTP by a bounded client. Real wasm-bindgen code: our fixture crate, @silvia-odwyer/photon,
// @automerge/automerge-wasm; and examples/workers, built with its own build options and served by its
// own config.capnp.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIXTURES, TEST_DIR } from './helpers/bundle.js'
import {
  EXAMPLE_DIR,
  WORKERD_OUT,
  buildWorker,
  freePort,
  request,
  startWorkerd,
  writeConfig,
  type Outcome,
  type WorkerBuildResult,
  type Workerd,
} from './helpers/workerd.js'

const SCENARIO = join(TEST_DIR, 'scenarios', 'workerd')
const ENTRY = join(SCENARIO, 'worker.js')
const FIXTURE_BUNDLER = join(FIXTURES, 'abort', 'bundler', 'wr_fixture.js')
const FIXTURE_WEB_INIT = join(SCENARIO, 'fixture-web.js')
/** A request that gets no answer in this long counts as hung. */
const BOUND_MS = 10_000

/** Measurements, printed at the end and written to test/.out/workerd/measurements.json. */
const measured: Record<string, unknown> = {}

/** The scenario Worker in three builds, one isolate each, served by one workerd process. */
const services = {
  /** the fixture's bundler glue, with the plugin (the plugin provides the .wasm as a module import) */
  recovery: { fixture: FIXTURE_BUNDLER, plugin: {} as const },
  /** the fixture's web glue initialised with the imported module (`initSync({ module })`), with the plugin */
  recoveryWeb: { fixture: FIXTURE_WEB_INIT, plugin: {} as const },
  /** the same web glue and Worker without the plugin: what users run today */
  plain: { fixture: FIXTURE_WEB_INIT, plugin: false as const },
  /** the bundler glue under policy 'rollback': objects kept across requests survive a panic with their state */
  rollback: { fixture: FIXTURE_BUNDLER, plugin: { policy: 'rollback' } as const },
}
type ServiceName = keyof typeof services

const builds = {} as Record<ServiceName | 'example' | 'examplePlain', WorkerBuildResult>
const base = {} as Record<ServiceName | 'example' | 'examplePlain', string>
const processes: Workerd[] = []

const get = (service: keyof typeof base, path: string, timeoutMs = BOUND_MS) => request(base[service] + path, timeoutMs)
const ok = (value?: unknown) => expect.objectContaining({ status: 200, body: expect.objectContaining({ ok: true, ...(value === undefined ? {} : { value }) }) })
const failed = (error: Record<string, unknown>) =>
  expect.objectContaining({ status: 500, body: expect.objectContaining({ ok: false, error: expect.objectContaining(error) }) })

/** Counts outcomes: answered 2xx, answered otherwise, hung (no answer within the bound), network errors. */
function tally(outcomes: Outcome[]) {
  return {
    sent: outcomes.length,
    succeeded: outcomes.filter((o) => o.status === 200 && o.body?.ok === true).length,
    failed: outcomes.filter((o) => o.status !== undefined && !(o.status === 200 && o.body?.ok === true)).length,
    hung: outcomes.filter((o) => o.hung).length,
    networkErrors: outcomes.filter((o) => o.error !== undefined).length,
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100
function percentiles(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b)
  const at = (p: number) => round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))])
  return { p50: at(50), p95: at(95), p99: at(99), max: round(s[s.length - 1]) }
}

beforeAll(async () => {
  mkdirSync(WORKERD_OUT, { recursive: true })
  // build the three scenario Workers and the example (with and without the plugin) side by side
  const example = (outdir: string, plugin: {} | false) => buildWorker({ entry: join(EXAMPLE_DIR, 'src', 'index.js'), outdir, plugin })
  const [recovery, recoveryWeb, plain, rollback, ex, exPlain] = await Promise.all([
    ...(Object.keys(services) as ServiceName[]).map((name) =>
      buildWorker({ entry: ENTRY, outdir: join(WORKERD_OUT, name), plugin: services[name].plugin, alias: { 'wr-fixture': services[name].fixture } }),
    ),
    example(join(WORKERD_OUT, 'example', 'dist'), {}),
    example(join(WORKERD_OUT, 'example-plain', 'dist'), false),
  ])
  Object.assign(builds, { recovery, recoveryWeb, plain, rollback, example: ex, examplePlain: exPlain })

  const names = Object.keys(services) as ServiceName[]
  const ports = await Promise.all([...names, 'example', 'examplePlain'].map(() => freePort()))
  const [exPort, exPlainPort] = [ports[names.length], ports[names.length + 1]]
  const config = writeConfig(
    join(WORKERD_OUT, 'config.capnp'),
    names.map((name, i) => ({
      name,
      dir: join(WORKERD_OUT, name),
      port: ports[i],
      durableObject: { binding: 'COUNTERS', className: 'CounterObject' },
    })),
  )
  names.forEach((name, i) => (base[name] = `http://127.0.0.1:${ports[i]}`))
  // the example runs from its own config.capnp (which embeds dist/…), its socket moved to a free port
  for (const [name, port] of [['example', exPort], ['examplePlain', exPlainPort]] as const) {
    const dir = join(WORKERD_OUT, name === 'example' ? 'example' : 'example-plain')
    copyFileSync(join(EXAMPLE_DIR, 'config.capnp'), join(dir, 'config.capnp'))
    base[name] = `http://127.0.0.1:${port}`
  }
  const started = await Promise.allSettled([
    startWorkerd({ config, cwd: WORKERD_OUT, readyUrls: names.map((n) => `${base[n]}/health`) }),
    ...(['example', 'examplePlain'] as const).map((name, k) =>
      startWorkerd({
        config: 'config.capnp',
        cwd: join(WORKERD_OUT, k === 0 ? 'example' : 'example-plain'),
        socketAddrs: { http: `127.0.0.1:${k === 0 ? exPort : exPlainPort}` },
        readyUrls: [`${base[name]}/`],
      }),
    ),
  ])
  for (const s of started) if (s.status === 'fulfilled') processes.push(s.value)
  const failure = started.find((s) => s.status === 'rejected') as PromiseRejectedResult | undefined
  if (failure) throw failure.reason
})

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()))
  writeFileSync(join(WORKERD_OUT, 'workerd.log'), processes.map((p) => `== workerd ${p.pid}\n${p.logs()}`).join('\n'))
  for (const p of processes) expect(p.exited(), `workerd ${p.pid} stopped`).toBe(true)
  writeFileSync(join(WORKERD_OUT, 'measurements.json'), JSON.stringify(measured, null, 2))
  console.log('[workerd] measurements ' + JSON.stringify(measured, null, 2))
})

describe('workerd: the plugin output as workerd loads it', () => {
  it('every .wasm stays a module import beside the bundle (no base64, no bytes compiled at request time)', () => {
    for (const name of ['recovery', 'recoveryWeb', 'example'] as const) {
      const b = builds[name]
      const code = readFileSync(join(b.outdir, 'worker.js'), 'utf8')
      expect(code, name).not.toMatch(/inlineWasm\(/)
      expect(code, name).not.toMatch(/"[A-Za-z0-9+/]{4000,}/) // no base64-inlined module
      for (const w of b.wasm) expect(b.imports, name).toContain(`./${w}`)
    }
    // @silvia-odwyer/photon and @cf-wasm/photon both ship photon_rs_bg.wasm: the second is renamed
    expect(builds.recovery.wasm.sort()).toEqual(['automerge_wasm_bg.wasm', 'photon_rs_bg-2.wasm', 'photon_rs_bg.wasm', 'wr_fixture_bg.wasm'])
    expect(builds.example.wasm).toEqual(['automerge_wasm_bg.wasm'])
    expect(builds.recovery.warnings.filter((w) => /wasm-recovery/.test(w))).toEqual([])
  })

  it('workerd refuses to compile wasm bytes while serving a request (why the .wasm must arrive as a module)', async () => {
    expect(await get('recovery', '/compile-bytes')).toEqual(
      failed({ name: 'CompileError', message: expect.stringMatching(/Wasm code generation disallowed by embedder/) }),
    )
  })
})

describe('workerd: a panic is a typed 500 and the isolate keeps serving', () => {
  it.each(['recovery', 'recoveryWeb'] as const)('fixture crate (%s): panic → WasmAbortError, then 1,000 requests all succeed', async (svc) => {
    expect(await get(svc, '/add?a=1&b=2')).toEqual(ok(3))
    const panic = await get(svc, '/panic?msg=boom')
    expect(panic).toEqual(failed({ name: 'WasmAbortError', module: 'wr_fixture', export: 'panic_now', panicMessage: 'boom' }))
    expect(panic.body.error.cause).toEqual({ name: 'RuntimeError', message: 'unreachable' })
    const next = await get(svc, '/add?a=2&b=3')
    expect(next).toEqual(ok(5))
    // the fresh instance ran its own start function once
    expect(await get(svc, '/start-count')).toEqual(ok(1))

    const routes = ['/add?a=20&b=22', '/greet?name=w', '/start-count', '/photon?w=2&h=3', '/automerge/loop/get', '/counter/loop?rebuild']
    const outcomes: Outcome[] = []
    for (let i = 0; i < 1000; i++) outcomes.push(await get(svc, routes[i % routes.length]))
    const t = tally(outcomes)
    measured[`${svc}: 1,000 requests after the panic`] = { ...t, latencyMs: percentiles(outcomes.map((o) => o.ms)) }
    measured[`${svc}: panic request ms`] = round(panic.ms)
    measured[`${svc}: next request ms`] = round(next.ms)
    expect(t).toEqual({ sent: 1000, succeeded: 1000, failed: 0, hung: 0, networkErrors: 0 })
    expect(outcomes.find((o) => o.body?.ok !== true)).toBeUndefined()

    const stats = (await get(svc, '/stats')).body.value
    expect(stats).toContainEqual({ module: 'wr_fixture', state: 'live', generation: 1, aborts: 1, reinits: 1 })
  })

  it('@silvia-odwyer/photon (old bundler glue): crop out of bounds → WasmAbortError; the next crop works', async () => {
    expect(await get('recovery', '/photon?w=2&h=2')).toEqual(ok(2))
    const panic = await get('recovery', '/photon/panic')
    expect(panic).toEqual(failed({ name: 'WasmAbortError', module: 'photon_rs', export: 'crop' }))
    const next = await get('recovery', '/photon?w=3&h=1')
    expect(next).toEqual(ok(3))
    measured['photon: panic request ms'] = round(panic.ms)
    measured['photon: next request ms'] = round(next.ms)
    // photon's bundler glue cannot run in workerd at all without the plugin (its `import * as wasm` of the
    // .wasm gets a WebAssembly.Module, not an instance)
    expect(await get('plain', '/photon?w=2&h=2')).toEqual(failed({ name: 'TypeError' }))
  })

  it("@cf-wasm/photon (its default workerd entry: re-bundled web glue, the .wasm imported as a module): crop out of bounds → WasmAbortError; the next crop works", async () => {
    expect(await get('recovery', '/cfphoton?w=2&h=2')).toEqual(ok(2))
    expect(await get('recovery', '/cfphoton/panic')).toEqual(failed({ name: 'WasmAbortError', module: 'photon_rs', export: 'crop' }))
    expect(await get('recovery', '/cfphoton?w=3&h=1')).toEqual(ok(3))
    // without the plugin the package runs in workerd too, but the panic is a raw trap
    expect(await get('plain', '/cfphoton?w=2&h=2')).toEqual(ok(2))
    expect(await get('plain', '/cfphoton/panic')).toEqual(failed({ name: 'RuntimeError' }))
  })

  it('@automerge/automerge-wasm (its `workerd` build: web glue + initSync): a panic, then a module-level doc is rebuilt from its snapshot', async () => {
    expect(await get('recovery', '/automerge/m/put?key=a&value=1')).toEqual(ok({ a: '1' }))
    const panic = await get('recovery', '/automerge/m/panic')
    expect(panic).toEqual(
      failed({ name: 'WasmAbortError', module: 'automerge_wasm', export: 'Automerge.commit', panicMessage: expect.stringContaining("Change's deps should already be in the document") }),
    )
    const next = await get('recovery', '/automerge/m/get')
    expect(next).toEqual(expect.objectContaining({ status: 200, body: { ok: true, value: { a: '1' }, rebuiltAfter: 'WasmStaleObjectError' } }))
    expect(await get('recovery', '/automerge/m/put?key=b&value=2')).toEqual(ok({ a: '1', b: '2' }))
    measured['automerge: panic request ms'] = round(panic.ms)
    measured['automerge: next request (stale → rebuilt) ms'] = round(next.ms)
  })
})

describe('workerd: without the plugin the isolate stays poisoned', () => {
  it('fixture Counter held at module level: every request after the panic fails ("recursive use …") — with the plugin it is rebuilt', async () => {
    expect(await get('plain', '/counter/c')).toEqual(ok(1))
    expect(await get('plain', '/counter/c/panic')).toEqual(failed({ name: 'RuntimeError', message: 'unreachable' }))
    const after: Outcome[] = []
    for (let i = 0; i < 20; i++) after.push(await get('plain', i % 2 ? '/counter/c' : '/counter/c?rebuild'))
    for (const o of after) expect(o).toEqual(failed({ name: 'Error', message: expect.stringMatching(/recursive use of an object detected/) }))
    measured['plain: requests after the Counter panic'] = tally(after)

    // the same Worker with the plugin: the stale object is a typed error, and the rebuild pattern works
    expect(await get('recoveryWeb', '/counter/c')).toEqual(ok(1))
    expect(await get('recoveryWeb', '/counter/c/panic')).toEqual(failed({ name: 'WasmAbortError', export: 'Counter.panic_in_mut', panicMessage: 'panic_in_mut at value 2' }))
    expect(await get('recoveryWeb', '/counter/c')).toEqual(failed({ name: 'WasmStaleObjectError', module: 'wr_fixture', export: 'Counter.increment' }))
    expect(await get('recoveryWeb', '/counter/c?rebuild')).toEqual(expect.objectContaining({ status: 200, body: { ok: true, value: 2, rebuiltAfter: 'WasmStaleObjectError' } }))
    expect(await get('recoveryWeb', '/counter/c?rebuild')).toEqual(expect.objectContaining({ status: 200, body: { ok: true, value: 3 } }))
  })

  it('automerge doc held at module level: poisoned for good without the plugin', async () => {
    expect(await get('plain', '/automerge/m/put?key=a&value=1')).toEqual(ok({ a: '1' }))
    expect(await get('plain', '/automerge/m/panic')).toEqual(failed({ name: 'RuntimeError', message: 'unreachable' }))
    for (let i = 0; i < 5; i++)
      expect(await get('plain', i % 2 ? '/automerge/m/get' : '/automerge/m/put?key=b&value=2')).toEqual(
        failed({ name: 'Error', message: expect.stringMatching(/recursive use of an object detected/) }),
      )
  })

  it('an async export that panics in a microtask: a typed 500 with the plugin; without it the request never settles', async () => {
    const typed = await get('recovery', '/async-panic?msg=async%20boom')
    expect(typed).toEqual(failed({ name: 'WasmAbortError', module: 'wr_fixture', panicMessage: 'async boom' }))
    expect(await get('recovery', '/async-ok?x=41')).toEqual(ok(42))
    const plain = await get('plain', '/async-panic?msg=async%20boom', 5000)
    measured['plain: async panic request'] = { status: plain.status, hung: plain.hung, body: plain.body, ms: round(plain.ms) }
    // workerd notices the Promise that can never settle and cancels the request with a plain 500
    expect(plain).toEqual(expect.objectContaining({ status: 500, body: 'Internal Server Error', hung: false }))
    await expect.poll(() => processes[0].logs(), { timeout: 3000 }).toMatch(/detected that your Worker's code had hung and would never generate a response/)
  })
})

describe("workerd: policy 'rollback'", () => {
  it('a Counter and an automerge doc held at module level keep their state across panics, with no rebuild', async () => {
    expect(await get('rollback', '/counter/kept')).toEqual(ok(1))
    expect(await get('rollback', '/counter/kept')).toEqual(ok(2))
    expect(await get('rollback', '/counter/kept/panic')).toEqual(failed({ name: 'WasmAbortError', export: 'Counter.panic_in_mut', generation: 0 }))
    // panic_in_mut's own +1 is undone; the same object serves on (no ?rebuild: a stale object would be a 500)
    expect(await get('rollback', '/counter/kept')).toEqual(ok(3))
    expect(await get('rollback', '/automerge/kept/put?key=title&value=hello')).toEqual(ok({ title: 'hello' }))
    expect(await get('rollback', '/automerge/kept/panic')).toEqual(failed({ name: 'WasmAbortError', export: 'Automerge.commit' }))
    // the state from just before commit(): isolated with a pending put, which materialize would commit
    // (and panic again); the app leaves isolation and drops the pending op
    expect(await get('rollback', '/automerge/kept/undo')).toEqual(ok({ title: 'hello' }))
    expect(await get('rollback', '/automerge/kept/put?key=n&value=2')).toEqual(ok({ title: 'hello', n: '2' }))
    expect(await get('rollback', '/counter/kept')).toEqual(ok(4))
    const stats = (await get('rollback', '/stats')).body
    expect(stats.events).toMatchObject({ abort: 2, rollback: 2, reinit: 0 })
    expect(stats.value.find((s: any) => s.module === 'wr_fixture')).toMatchObject({ generation: 0, rollbacks: 1 })
  })
})

describe('workerd: 100 concurrent requests while panics are being triggered', () => {
  // 'recovery' (reinit): a request holding a Counter across another's abort may fail, typed (README);
  // 'rollback': no request that did not itself panic fails — aborts inside a future polled from a
  // microtask (async-panic) included, which roll back to the state just before that poll
  it.each([
    ['recovery', 'every panicking request is a typed 500, every other one succeeds or fails with a typed error, none hangs'],
    ['rollback', 'every panicking request is a typed 500 and every other one succeeds'],
  ] as const)('%s: %s', async (svc: 'recovery' | 'rollback', _expected: string) => {
    const kinds = ['panic', 'add', 'greet', 'slow', 'photon', 'async-ok', 'panic-photon', 'counter', 'automerge', 'async-panic'] as const
    const path: Record<(typeof kinds)[number], (i: number) => string> = {
      panic: (i) => `/panic?msg=c${i}`,
      add: (i) => `/add?a=${i}&b=1`,
      greet: (i) => `/greet?name=g${i}`,
      slow: (i) => `/slow-counter?n=${i}&ms=${i % 7}`,
      photon: () => '/photon?w=2&h=2',
      'async-ok': (i) => `/async-ok?x=${i}`,
      'panic-photon': () => '/photon/panic',
      counter: () => '/counter/conc?rebuild',
      automerge: () => '/automerge/conc/get',
      'async-panic': (i) => `/async-panic?msg=a${i}`,
    }
    // baseline: 100 concurrent healthy requests, no panic (this client opens 100 connections at once)
    const baseline = await Promise.all(Array.from({ length: 100 }, (_, i) => get(svc, `/add?a=${i}&b=0`)))
    measured[`${svc}: 100 concurrent, baseline without panics`] = { ...tally(baseline), latencyMs: percentiles(baseline.map((o) => o.ms)) }
    expect(tally(baseline).succeeded).toBe(100)

    const plan = Array.from({ length: 100 }, (_, i) => kinds[i % kinds.length])
    const outcomes = await Promise.all(plan.map((k, i) => get(svc, path[k](i))))
    const panicking = new Set(['panic', 'panic-photon', 'async-panic'])
    const byKind: Record<string, ReturnType<typeof tally> & { errors: Record<string, number> }> = {}
    outcomes.forEach((o, i) => {
      const k = plan[i]
      byKind[k] ??= { sent: 0, succeeded: 0, failed: 0, hung: 0, networkErrors: 0, errors: {} }
      const t = tally([o])
      for (const f of ['sent', 'succeeded', 'failed', 'hung', 'networkErrors'] as const) byKind[k][f] += t[f]
      if (o.body?.ok === false) byKind[k].errors[o.body.error?.name] = (byKind[k].errors[o.body.error?.name] ?? 0) + 1
    })
    const all = tally(outcomes)
    measured[`${svc}: 100 concurrent`] = { ...all, byKind, latencyMs: percentiles(outcomes.map((o) => o.ms)) }
    expect(all.hung).toBe(0)
    expect(all.networkErrors).toBe(0)
    outcomes.forEach((o, i) => {
      if (panicking.has(plan[i])) expect(o, `${i} ${plan[i]}`).toEqual(failed({ name: 'WasmAbortError' }))
      else if (svc === 'rollback') expect(o.body, `${i} ${plan[i]}`).toMatchObject({ ok: true })
      else if (o.body?.ok !== true) expect(o.body?.error?.name, `${i} ${plan[i]}: ${JSON.stringify(o.body)}`).toMatch(/^Wasm(StaleObject|Abort|Unavailable)Error$/)
    })
    // the isolate is healthy afterwards
    expect(await get(svc, '/add?a=1&b=1')).toEqual(ok(2))
    const stats = (await get(svc, '/stats')).body.value
    expect(stats.find((s: any) => s.module === 'wr_fixture').state).toBe('live')
  })
})

describe('workerd: a Durable Object holding a wasm-bindgen object', () => {
  it('fixture Counter: after a panic the next request meets WasmStaleObjectError, rebuilds from storage and retries', async () => {
    for (let i = 1; i <= 3; i++) expect(await get('recovery', '/do/a/increment')).toEqual(expect.objectContaining({ status: 200, body: { ok: true, value: i, loads: 1 } }))
    expect(await get('recovery', '/do/a/panic')).toEqual(
      failed({ name: 'WasmAbortError', module: 'wr_fixture', export: 'Counter.panic_in_mut', panicMessage: 'panic_in_mut at value 4' }),
    )
    // the +1 made before the panic was never persisted: storage holds the last good value
    expect(await get('recovery', '/do/a/value')).toEqual(
      expect.objectContaining({ status: 200, body: { ok: true, value: 3, rebuiltAfter: 'WasmStaleObjectError', loads: 2 } }),
    )
    expect(await get('recovery', '/do/a/increment')).toEqual(expect.objectContaining({ status: 200, body: { ok: true, value: 4, loads: 2 } }))

    // the object shares the isolate (and so the wasm instance) with the stateless requests:
    // a panic elsewhere makes its Counter stale too, and the same pattern handles it
    expect(await get('recovery', '/panic?msg=elsewhere')).toEqual(failed({ name: 'WasmAbortError', export: 'panic_now' }))
    expect(await get('recovery', '/do/a/increment')).toEqual(
      expect.objectContaining({ status: 200, body: { ok: true, value: 5, rebuiltAfter: 'WasmStaleObjectError', loads: 3 } }),
    )
  })

  it('without the plugin the object is poisoned until workerd evicts it', async () => {
    expect(await get('plain', '/do/a/increment')).toEqual(ok(1))
    expect(await get('plain', '/do/a/panic')).toEqual(failed({ name: 'RuntimeError', message: 'unreachable' }))
    for (let i = 0; i < 5; i++)
      expect(await get('plain', '/do/a/increment')).toEqual(failed({ name: 'Error', message: expect.stringMatching(/recursive use of an object detected/) }))
  })
})

describe('workerd: examples/workers (its build options, its config.capnp)', () => {
  it('stateless panic → typed 500, next request fine; the Doc object rebuilds from storage after any panic in the isolate', async () => {
    expect(await get('example', '/put?key=k&value=v')).toEqual(ok({ k: 'v' }))
    const panic = await get('example', '/panic')
    expect(panic).toEqual(failed({ name: 'WasmAbortError', module: 'automerge_wasm', export: 'Automerge.commit', panicMessage: expect.stringContaining("Change's deps") }))
    const next = await get('example', '/put?key=k&value=w')
    expect(next).toEqual(ok({ k: 'w' }))
    measured['example: panic request ms'] = round(panic.ms)
    measured['example: next request ms'] = round(next.ms)

    expect(await get('example', '/docs/n/put?key=x&value=1')).toEqual(expect.objectContaining({ status: 200, body: { ok: true, value: { x: '1' }, loads: 1 } }))
    expect(await get('example', '/docs/n/put?key=y&value=2')).toEqual(ok({ x: '1', y: '2' }))
    expect(await get('example', '/docs/n/panic')).toEqual(failed({ name: 'WasmAbortError', export: 'Automerge.commit' }))
    expect(await get('example', '/docs/n')).toEqual(
      expect.objectContaining({ status: 200, body: { ok: true, value: { x: '1', y: '2' }, rebuiltAfter: 'WasmStaleObjectError', loads: 2 } }),
    )
    expect(await get('example', '/panic')).toEqual(failed({ name: 'WasmAbortError' }))
    expect(await get('example', '/docs/n/put?key=z&value=3')).toEqual(
      expect.objectContaining({ status: 200, body: { ok: true, value: { x: '1', y: '2', z: '3' }, rebuiltAfter: 'WasmStaleObjectError', loads: 3 } }),
    )
    const stats = (await get('example', '/stats')).body
    expect(stats.stats).toEqual([{ module: 'automerge_wasm', state: 'live', generation: 3, aborts: 3, reinits: 3 }])
  })

  it('the same example built with --no-recovery: the Doc object stays poisoned', async () => {
    expect(await get('examplePlain', '/docs/n/put?key=x&value=1')).toEqual(ok({ x: '1' }))
    expect(await get('examplePlain', '/docs/n/panic')).toEqual(failed({ name: 'RuntimeError', message: 'unreachable' }))
    for (let i = 0; i < 3; i++)
      expect(await get('examplePlain', '/docs/n')).toEqual(failed({ name: 'Error', message: expect.stringMatching(/recursive use of an object detected/) }))
  })
})
