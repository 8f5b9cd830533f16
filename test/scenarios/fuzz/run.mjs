// The fuzz driver, run inside a bundle (one child process per batch of runs). For each run:
//   1. arm the injected trap of the live instance (a random function entry: the K-th entry of any
//      function during the workload, or the c-th entry of one function F the workload reaches);
//   2. run the workload (a fixed script of API calls); the call in which the trap fires must fail with
//      WasmAbortError (cause: RuntimeError "unreachable"), the steps before it must give the oracle's
//      results, objects of the dead generation must fail typed (WasmStaleObjectError; free() a no-op);
//   3. run the check script (API calls on NEW objects): its result must equal the oracle's, computed
//      on a fresh, uninstrumented instance in another process;
//   4. no call may ever have entered a dead instance (counted from outside: ./instances.mjs), and no
//      error or rejection may go unhandled.
// Every deviation is recorded with the run's seed; the parent test prints it.
import { onRecovery, recoveryStats } from '@wasm-recovery/runtime'
import { arm, countdown, disarm, hits, instances, latest } from './instances.mjs'
import { int, rng, runSeed } from './prng.mjs'
import { check, execute, failure, same, workload } from './exec.mjs'

export default async function run(m, w, p) {
  Error.stackTraceLimit = 200
  const uncaught = []
  process.on('uncaughtException', (e) => uncaught.push('uncaughtException: ' + String(e?.stack ?? e)))
  process.on('unhandledRejection', (e) => uncaught.push('unhandledRejection: ' + String(e?.stack ?? e)))
  const events = { abort: 0, reinit: 0, poisoned: 0, abortOutsideCall: 0 }
  onRecovery((e) => {
    events[e.type]++
    if (e.type === 'abort' && e.export === undefined) events.abortOutsideCall++
  })
  const t0 = performance.now()
  // every wrong result is counted (per kind, and per run); the details of the first 20 are kept
  const problems = []
  const problemKinds = {}
  const badRuns = new Set()
  let problemCount = 0
  const problem = (run, what, detail) => {
    problemCount++
    problemKinds[what] = (problemKinds[what] ?? 0) + 1
    if (run.index !== undefined) badRuns.add(run.index)
    if (problems.length < 20) problems.push({ ...run, what, detail })
  }

  // unarmed, the instrumented module behaves exactly as the original (else the injection is at fault)
  const baseline = await execute(m, w)
  if (!same(baseline.steps, p.oracle.steps) || baseline.failure || !same(baseline.check, p.oracle.check))
    problem({}, 'the instrumented module, unarmed, differs from the original', { baseline, oracle: p.oracle })

  // profile: function entries of one workload on a warm instance (which functions it reaches, how often)
  const rec0 = latest()
  const before = hits(rec0, p.functions)
  await workload(m, w)
  const after = hits(rec0, p.functions)
  const profile = []
  let total = 0
  p.functions.forEach((f, i) => {
    const n = after[i] - before[i]
    if (n > 0) profile.push([f, n])
    total += n
  })

  // entries of one check script (for the second trap of 'double' runs)
  const beforeCheck = hits(rec0, p.functions)
  await check(m, w)
  const afterCheck = hits(rec0, p.functions)
  const checkTotal = afterCheck.reduce((a, n, i) => a + n - beforeCheck[i], 0)

  const runs = []
  let gcs = 0
  for (let i = p.from; i < p.to; i++) {
    const seed = p.seeds ? p.seeds[i] : runSeed(p.seed, p.pkg, i)
    const r = rng(seed)
    const id = { pkg: p.pkg, index: i, seed, masterSeed: p.seed }
    const mode = r() < 0.5 ? 'entry' : 'function'
    let target = -1
    let count
    if (mode === 'entry') count = int(r, 1, total)
    else {
      const [f, n] = profile[int(r, 0, profile.length - 1)]
      target = f
      count = int(r, 1, n)
    }
    Object.assign(id, { mode, target, count })
    const uncaughtBefore = uncaught.length
    const abortsBefore = events.abort
    const outsideBefore = events.abortOutsideCall

    const live = latest()
    if (live.deadAt !== null) problem(id, 'the newest instance is dead before the run', { instance: live.index })
    arm(live, target, count)
    const out = await workload(m, w, { withStale: true })
    const fired = live.deadAt !== null
    if (!fired) disarm(live)
    else if (countdown(live) !== 0) problem(id, 'an instance died, but not of the injected trap', live.trap)

    const res = { i, fired, steps: out.steps.length, failure: out.failure?.step }
    if (fired) {
      const f = out.failure
      const fn = /wasm-function\[(\d+)\]/.exec(live.trap?.stack ?? '')
      res.fn = fn ? Number(fn[1]) : null
      res.depth = (live.trap?.stack.match(/wasm-function\[/g) ?? []).length
      res.rawExport = live.trap?.export
      if (!f) {
        // the trap fired outside any call of the app (a finalizer during the workload): no call failed,
        // but the next use of an object of the dead generation must be typed
        if (events.abortOutsideCall === outsideBefore) problem(id, 'the trap fired but no call failed and no abort was reported', out)
        res.outside = true
      } else if (f.name === 'WasmAbortError') {
        res.export = f.export
        if (f.causeName !== 'RuntimeError' || f.causeMessage !== 'unreachable') problem(id, 'WasmAbortError with an unexpected cause', f)
        if (f.module !== w.module) problem(id, 'WasmAbortError names another module', f)
      } else if (f.name === 'WasmStaleObjectError' && events.abortOutsideCall > outsideBefore) {
        res.outside = true
      } else problem(id, 'the failing call did not get WasmAbortError', f)
      // the steps before it gave the oracle's results
      if (!same(out.steps, p.oracle.steps.slice(0, out.steps.length))) problem(id, 'a step before the abort gave a wrong result', { got: out.steps, want: p.oracle.steps })
      for (const s of out.stale ?? []) if (!s.ok) problem(id, `object of the dead generation: ${s.label}`, s)
    } else {
      if (out.failure) problem(id, 'a call failed although the trap did not fire', out.failure)
      if (!same(out.steps, p.oracle.steps)) problem(id, 'wrong workload result (no trap)', { got: out.steps, want: p.oracle.steps })
    }

    // 'double' runs: a second trap, in the fresh generation, during the first check script after the abort
    if (fired && r() < 0.25 && latest().deadAt === null) {
      const second = latest()
      const k = int(r, 1, checkTotal)
      res.double = k
      arm(second, -1, k)
      let got2
      try {
        got2 = { ok: true, value: await check(m, w) }
      } catch (e) {
        got2 = failure(e)
      }
      if (second.deadAt === null) {
        disarm(second)
        if (!same(got2.value, p.oracle.check)) problem(id, 'second trap did not fire, but the check differs', got2)
      } else {
        res.doubleFired = true
        if (got2.name !== 'WasmAbortError' || got2.causeMessage !== 'unreachable') problem(id, 'the second trap did not give WasmAbortError', got2)
      }
    }

    // new objects: the same results as a fresh, uninstrumented instance
    let got
    try {
      got = await check(m, w)
    } catch (e) {
      got = { threw: failure(e) }
    }
    if (!same(got, p.oracle.check)) problem(id, 'the check script after the run differs from the oracle', { got, want: p.oracle.check })
    const traps = (fired ? 1 : 0) + (res.doubleFired ? 1 : 0)
    if (events.abort !== abortsBefore + traps) problem(id, `${events.abort - abortsBefore} abort events for ${traps} traps`)
    const st = recoveryStats(w.module)
    if (st.state !== 'live') problem(id, `module state ${st.state} after the run`, st)
    for (const inst of instances) if (inst.afterDeath > 0) problem(id, `instance #${inst.index} entered ${inst.afterDeath} times after it died`, inst.firstAfterDeath)
    for (const inst of instances) inst.afterDeath = 0
    // unhandled rejections are reported after the microtask queue drains: let a macrotask pass first
    await new Promise((resolve) => setTimeout(resolve, 0))
    if (uncaught.length > uncaughtBefore)
      problem(id, 'unhandled error or rejection', { uncaught: uncaught.slice(uncaughtBefore), trap: live.trap, failure: out.failure })

    if (p.gcEvery && (i - p.from + 1) % p.gcEvery === 0) {
      // finalizers of dead generations' objects must never enter any instance nor kill the process
      for (let k = 0; k < 2; k++) {
        globalThis.gc?.()
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
      gcs++
    }
    runs.push(res)
  }

  // last: a GC over everything, then the module still serves
  globalThis.gc?.()
  await new Promise((resolve) => setTimeout(resolve, 20))
  const final = await check(m, w).catch((e) => ({ threw: failure(e) }))
  if (!same(final, p.oracle.check)) problem({}, 'the check script after the final GC differs', final)
  for (const inst of instances) if (inst.afterDeath > 0) problem({}, `instance #${inst.index} entered after it died (final GC)`, inst.firstAfterDeath)

  return {
    pkg: p.pkg,
    from: p.from,
    to: p.to,
    profile: { functionsReached: profile.length, entries: total, checkEntries: checkTotal },
    runs,
    problemCount,
    problemKinds,
    badRuns: badRuns.size,
    problems: problems.map((x) => JSON.parse(JSON.stringify(x, (k, v) => (typeof v === 'string' && v.length > 2000 ? v.slice(0, 2000) + '…' : v)))),
    instances: instances.length,
    deadInstances: instances.filter((x) => x.deadAt !== null).length,
    stats: recoveryStats(w.module),
    events,
    gcs,
    uncaught: uncaught.length,
    ms: Math.round(performance.now() - t0),
  }
}
