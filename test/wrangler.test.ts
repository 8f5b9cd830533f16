// examples/workers as a Workers developer runs it (issue 17): the wrangler the project pins (4.86.0, the
// last for Node 20), the example's own wrangler.toml and custom build, `wrangler deploy --dry-run` and
// `wrangler dev --local` on 127.0.0.1 (loopback requests only, no login, nothing sent). Its Durable
// Object panics under both policies; under 'rollback' the doc's doomed state escalates to a reinit, and
// the app's own recovery (stale doc → rebuilt from storage) runs.
import { execFile } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request, type Outcome } from './helpers/workerd.js'
import { WRANGLER_OUT, copyExample, wrangler, wranglerCli, wranglerDev, type WranglerDev } from './helpers/wrangler.js'

const run = promisify(execFile)
const POLICIES = { reinit: '', rollback: '--policy=rollback' } as const
type PolicyName = keyof typeof POLICIES
const dev = {} as Record<PolicyName, WranglerDev>
const measured: Record<string, unknown> = {}

/** What wrangler prints as a warning (`▲ [WARNING]`) or error, the panics' own log lines aside. */
const warnings = (out: string) => out.split('\n').filter((l) => /\[WARNING\]|\[wrangler:warn\]/.test(l))

beforeAll(async () => {
  const started = await Promise.all(
    (Object.keys(POLICIES) as PolicyName[]).map(async (p) => {
      const t0 = Date.now()
      const d = await wranglerDev(copyExample(`dev-${p}`, POLICIES[p]))
      measured[`startMs.${p}`] = Date.now() - t0
      return [p, d] as const
    }),
  )
  for (const [p, d] of started) dev[p] = d
})

afterAll(async () => {
  await Promise.all(Object.values(dev).map((d) => d.stop()))
  writeFileSync(join(WRANGLER_OUT, 'measurements.json'), JSON.stringify(measured, null, 2))
  console.log('wrangler measurements:', JSON.stringify(measured))
})

// a hang is a failure; 30 s, not less: a full `npm test` on 2 cores runs the stress tests beside this one
const get = (p: PolicyName, path: string) => request(dev[p].base + path, 30_000)
const name = (o: Outcome) => (o.status === 200 && o.body?.ok ? 'ok' : (o.body?.error?.name ?? `status ${o.status ?? o.error}`))

it('is the pinned wrangler, and `wrangler deploy --dry-run` accepts the example without warnings', async () => {
  expect(wranglerCli().version).toBe('4.86.0')
  const dir = copyExample('dry-run')
  const r = await wrangler(dir, ['deploy', '--dry-run', '--outdir', join(dir, 'upload')])
  expect(r.code, r.out).toBe(0)
  expect(warnings(r.out)).toEqual([])
  expect(r.out).toMatch(/built dist\/worker\.js with wasm-recovery/)
  expect(r.out).toMatch(/automerge_wasm_bg\.wasm\s*│\s*compiled-wasm/)
  expect(r.out).toMatch(/env\.DOCS \(Doc\)\s+Durable Object/)
})

it('check-bundle.mjs warns when wrangler bundled the wasm-bindgen wasm itself (no plugin), not for the custom build', async () => {
  const custom = copyExample('check-custom')
  const own = copyExample('check-own')
  // what a user who lets wrangler bundle writes: main is the source, no custom build
  const toml = readFileSync(join(own, 'wrangler.toml'), 'utf8')
  const date = toml.match(/^compatibility_date = "([^"]+)"/m)![1]
  writeFileSync(
    join(own, 'wrangler.toml'),
    `name = "own-bundle"\nmain = "src/index.js"\ncompatibility_date = "${date}"\n\n` +
      `[[durable_objects.bindings]]\nname = "DOCS"\nclass_name = "Doc"\n\n[[migrations]]\ntag = "v1"\nnew_sqlite_classes = ["Doc"]\n`,
  )
  const [c, o] = await Promise.all([custom, own].map((dir) => wrangler(dir, ['deploy', '--dry-run', '--outdir', join(dir, 'upload')])))
  expect(c.code, c.out).toBe(0)
  expect(o.code, o.out).toBe(0)
  const check = (dir: string) => run(process.execPath, ['check-bundle.mjs', 'upload'], { cwd: dir }).then(() => ({ code: 0, stderr: '' }), (e) => ({ code: e.code, stderr: String(e.stderr) }))
  const [cc, oc] = await Promise.all([check(custom), check(own)])
  expect(cc).toEqual({ code: 0, stderr: '' })
  expect(oc.code).toBe(1)
  expect(oc.stderr).toMatch(/wasm-recovery: upload\/[\w-]*automerge_wasm_bg\.wasm is wasm-bindgen wasm with no recovery/)
})

describe.each(Object.keys(POLICIES) as PolicyName[])("wrangler dev, policy '%s'", (p) => {
  it('starts with one build (the second is a no-op) and no warnings', () => {
    const out = dev[p].logs()
    expect(out.match(/\[custom build\] built dist\/worker\.js/g)).toHaveLength(1)
    expect(out).toMatch(/\[custom build\] dist\/ is up to date/)
    expect(warnings(out)).toEqual([])
  })

  it('a stateless panic is a typed WasmAbortError, the next request works', async () => {
    const panic = await get(p, '/panic')
    expect(panic).toMatchObject({ status: 500, body: { ok: false, error: { name: 'WasmAbortError', export: 'Automerge.commit' } } })
    expect(panic.body.error.panicMessage).toMatch(/deps should already be in the document/)
    expect(await get(p, '/put?key=k&value=v')).toMatchObject({ status: 200, body: { ok: true, value: { k: 'v' } } })
  })

  it('the Durable Object recovers from its panic: every request after the recovery succeeds', async () => {
    expect(await get(p, '/docs/a/put?key=x&value=1')).toMatchObject({ status: 200, body: { ok: true, value: { x: '1' } } })
    const panic = await get(p, '/docs/a/panic')
    expect(panic).toMatchObject({ status: 500, body: { ok: false, error: { name: 'WasmAbortError', export: 'Automerge.commit' } } })
    const puts: Outcome[] = []
    for (let i = 1; i <= 20; i++) puts.push(await get(p, `/docs/a/put?key=n&value=${i}`))
    const names = puts.map(name)
    measured[`doc.${p}`] = { failedAfterPanic: names.filter((n) => n !== 'ok').length, of: puts.length }
    const first = names.indexOf('ok')
    // 'reinit': the next request already finds the doc stale and rebuilds it; 'rollback': the doc's state
    // leads back to the panic, and after rollback.escalateAfter (2) rollbacks its next abort reinitialises
    expect(names.slice(0, first)).toEqual(p === 'reinit' ? [] : ['WasmAbortError', 'WasmAbortError'])
    for (const o of puts.slice(0, first)) expect(o.body.error).toMatchObject({ export: 'Automerge.commit', generation: 0 })
    expect(names.slice(first)).toEqual(Array(puts.length - first).fill('ok'))
    expect(puts[first].body).toMatchObject({ rebuiltAfter: 'WasmStaleObjectError', loads: 2 })
    // rebuilt from storage: the last good state plus every put since (the failed ones were never persisted)
    expect(puts.at(-1)!.body.value).toEqual({ x: '1', n: '20' })
    expect(await get(p, '/docs/a')).toMatchObject({ status: 200, body: { ok: true, value: { x: '1', n: '20' } } })

    const stats = (await get(p, '/stats')).body
    const types = stats.recoveries.map((e: { type: string }) => e.type)
    if (p === 'reinit') {
      expect(types).not.toContain('rollback')
      expect(stats.stats[0]).toMatchObject({ module: 'automerge_wasm', state: 'live', reinits: 2 })
    } else {
      // the stateless panic and the first two of the doc's: rolled back; then escalated
      expect(types).toEqual(['abort', 'rollback', 'abort', 'rollback', 'abort', 'rollback', 'abort', 'rollback-failed', 'reinit'])
      expect(stats.recoveries[7].reason).toMatch(/^escalated to 'reinit': Automerge\.commit aborted on the same object again after 2 rollbacks/)
      expect(stats.stats[0]).toMatchObject({ module: 'automerge_wasm', state: 'live', generation: 1, aborts: 4, rollbacks: 3, reinits: 1 })
      // the Worker's console reaches wrangler's output a moment later
      const line = /\[wasm-recovery\] rollback-failed automerge_wasm Automerge\.commit generation 0: escalated to 'reinit'/
      for (let t = Date.now(); !line.test(dev[p].logs()) && Date.now() - t < 5000; ) await new Promise((r) => setTimeout(r, 100))
      expect(dev[p].logs()).toMatch(line)
    }
  })
})
