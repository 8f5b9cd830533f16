// What the fuzz drivers share (run.mjs: policy 'reinit', run-rollback.mjs: policy 'rollback'): the event
// log, the record of wrong results, the unarmed baseline, the profile of function entries, the choice
// of the trap of each run, the checks that close every run, and the batch's result.
import { onRecovery, recoveryStats } from '@wasm-recovery/runtime'
import { arm, hits, instances, live } from './instances.mjs'
import { int, rng, runSeed } from './prng.mjs'
import { check, execute, failure, same, workload } from './exec.mjs'

export async function setup(m, w, p) {
  Error.stackTraceLimit = 200
  const uncaught = []
  process.on('uncaughtException', (e) => uncaught.push('uncaughtException: ' + String(e?.stack ?? e)))
  process.on('unhandledRejection', (e) => uncaught.push('unhandledRejection: ' + String(e?.stack ?? e)))
  const events = { abort: 0, reinit: 0, poisoned: 0, abortOutsideCall: 0, rollback: 0, 'rollback-failed': 0 }
  // every event in order (the rollback driver reads the ones of each failed call)
  const log = []
  onRecovery((e) => {
    events[e.type] = (events[e.type] ?? 0) + 1
    if (e.type === 'abort' && e.export === undefined) events.abortOutsideCall++
    if (e.module === w.module) log.push({ type: e.type, generation: e.generation, export: e.export, reason: e.reason, bytes: e.bytes, durationMs: e.durationMs })
  })
  const ctx = { m, w, p, uncaught, events, log, t0: performance.now(), problems: [], problemKinds: {}, badRuns: new Set(), problemCount: 0, runs: [], gcs: 0 }
  // every wrong result is counted (per kind, and per run); the details of the first 20 are kept
  ctx.problem = (run, what, detail) => {
    ctx.problemCount++
    ctx.problemKinds[what] = (ctx.problemKinds[what] ?? 0) + 1
    if (run.index !== undefined) ctx.badRuns.add(run.index)
    if (ctx.problems.length < 20) ctx.problems.push({ ...run, what, detail })
  }

  // unarmed, the instrumented module behaves exactly as the original (else the injection is at fault)
  const baseline = await execute(m, w)
  if (!same(baseline.steps, p.oracle.steps) || baseline.failure || !same(baseline.check, p.oracle.check))
    ctx.problem({}, 'the instrumented module, unarmed, differs from the original', { baseline, oracle: p.oracle })

  // profile: function entries of one workload on a warm instance (which functions it reaches, how often)
  const rec0 = live()
  const before = hits(rec0, p.functions)
  await workload(m, w)
  const after = hits(rec0, p.functions)
  ctx.profile = []
  ctx.total = 0
  p.functions.forEach((f, i) => {
    const n = after[i] - before[i]
    if (n > 0) ctx.profile.push([f, n])
    ctx.total += n
  })
  // entries of one check script (for a second trap during it)
  const beforeCheck = hits(rec0, p.functions)
  await check(m, w)
  const afterCheck = hits(rec0, p.functions)
  ctx.checkTotal = afterCheck.reduce((a, n, i) => a + n - beforeCheck[i], 0)
  return ctx
}

/**
 * Run i: its seed and PRNG, and its trap — the K-th entry of any function during the workload
 * ('entry'), or the c-th entry of one function F the workload reaches ('function').
 */
export function plan(ctx, i) {
  const p = ctx.p
  const seed = p.seeds ? p.seeds[i] : runSeed(p.seed, p.pkg, i)
  const r = rng(seed)
  const id = { pkg: p.pkg, index: i, seed, masterSeed: p.seed }
  const mode = r() < 0.5 ? 'entry' : 'function'
  let target = -1
  let count
  if (mode === 'entry') count = int(r, 1, ctx.total)
  else {
    const [f, n] = ctx.profile[int(r, 0, ctx.profile.length - 1)]
    target = f
    count = int(r, 1, n)
  }
  Object.assign(id, { mode, target, count })
  return { r, id, target, count }
}

/** Arms the live instance for a run (it must not be dead already). */
export function armLive(ctx, id, target, count) {
  const rec = live()
  if (rec.deadAt !== null) ctx.problem(id, 'the live instance is dead before the run', { instance: rec.index })
  arm(rec, target, count)
  return rec
}

/** Where an instance's trap was: the innermost wasm function, and the wasm frames on the stack. */
export function trapSite(rec) {
  const fn = /wasm-function\[(\d+)\]/.exec(rec.trap?.stack ?? '')
  return { fn: fn ? Number(fn[1]) : null, depth: (rec.trap?.stack.match(/wasm-function\[/g) ?? []).length, rawExport: rec.trap?.export }
}

/** WasmAbortError of the injected trap, from a call (or a future) of this module. */
export function checkAbort(ctx, id, f) {
  if (f.causeName !== 'RuntimeError' || f.causeMessage !== 'unreachable') ctx.problem(id, 'WasmAbortError with an unexpected cause', f)
  if (f.module !== ctx.w.module) ctx.problem(id, 'WasmAbortError names another module', f)
}

/** Objects of a dead generation: typed errors, free() a no-op. */
export function checkStale(ctx, id, out) {
  for (const s of out.stale ?? []) if (!s.ok) ctx.problem(id, `object of the dead generation: ${s.label}`, s)
}

export const macrotask = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The end of every run: new objects give the oracle's check, one abort event per trap, the module is
 * live, no dead instance was entered, nothing went unhandled; every `gcEvery` runs a GC.
 */
export async function closeRun(ctx, id, res, { traps, abortsBefore, uncaughtBefore, live, outFailure }) {
  const { m, w, p } = ctx
  let got
  try {
    got = await check(m, w)
  } catch (e) {
    got = { threw: failure(e) }
  }
  if (!same(got, p.oracle.check)) ctx.problem(id, 'the check script after the run differs from the oracle', { got, want: p.oracle.check })
  if (ctx.events.abort !== abortsBefore + traps) ctx.problem(id, `${ctx.events.abort - abortsBefore} abort events for ${traps} traps`)
  const st = recoveryStats(w.module)
  if (st.state !== 'live') ctx.problem(id, `module state ${st.state} after the run`, st)
  for (const inst of instances) if (inst.afterDeath > 0) ctx.problem(id, 'a dead instance was entered', { instance: inst.index, times: inst.afterDeath, first: inst.firstAfterDeath })
  for (const inst of instances) inst.afterDeath = 0
  // unhandled rejections are reported after the microtask queue drains: let a macrotask pass first
  await macrotask()
  if (ctx.uncaught.length > uncaughtBefore)
    ctx.problem(id, 'unhandled error or rejection', { uncaught: ctx.uncaught.slice(uncaughtBefore), trap: live.trap, failure: outFailure })

  if (p.gcEvery && (id.index - p.from + 1) % p.gcEvery === 0) {
    // finalizers of dead generations' objects must never enter any instance nor kill the process
    for (let k = 0; k < 2; k++) {
      globalThis.gc?.()
      await macrotask(5)
    }
    ctx.gcs++
  }
  ctx.runs.push(res)
}

/** After the last run: a GC over everything, then the module still serves. The batch's result. */
export async function finish(ctx, extra = {}) {
  const { m, w, p } = ctx
  globalThis.gc?.()
  await macrotask(20)
  const final = await check(m, w).catch((e) => ({ threw: failure(e) }))
  if (!same(final, p.oracle.check)) ctx.problem({}, 'the check script after the final GC differs', final)
  for (const inst of instances) if (inst.afterDeath > 0) ctx.problem({}, 'a dead instance was entered (final GC)', { instance: inst.index, times: inst.afterDeath, first: inst.firstAfterDeath })
  return {
    pkg: p.pkg,
    from: p.from,
    to: p.to,
    profile: { functionsReached: ctx.profile.length, entries: ctx.total, checkEntries: ctx.checkTotal },
    runs: ctx.runs,
    problemCount: ctx.problemCount,
    problemKinds: ctx.problemKinds,
    badRuns: ctx.badRuns.size,
    problems: ctx.problems.map((x) => JSON.parse(JSON.stringify(x, (k, v) => (typeof v === 'string' && v.length > 2000 ? v.slice(0, 2000) + '…' : v)))),
    instances: instances.length,
    deadInstances: instances.filter((x) => x.deadAt !== null).length,
    stats: recoveryStats(w.module),
    events: ctx.events,
    gcs: ctx.gcs,
    uncaught: ctx.uncaught.length,
    ms: Math.round(performance.now() - ctx.t0),
    ...extra,
  }
}
