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
import { arm, countdown, disarm, live as liveInstance } from './instances.mjs'
import { int } from './prng.mjs'
import { check, failure, same, workload } from './exec.mjs'
import { armLive, checkAbort, checkStale, closeRun, finish, plan, setup, trapSite } from './driver.mjs'

export default async function run(m, w, p) {
  const ctx = await setup(m, w, p)
  const { events, problem } = ctx
  for (let i = p.from; i < p.to; i++) {
    const { r, id, target, count } = plan(ctx, i)
    const uncaughtBefore = ctx.uncaught.length
    const abortsBefore = events.abort
    const outsideBefore = events.abortOutsideCall

    const live = armLive(ctx, id, target, count)
    const out = await workload(m, w, { withStale: true })
    const fired = live.deadAt !== null
    if (!fired) disarm(live)
    else if (countdown(live) !== 0) problem(id, 'an instance died, but not of the injected trap', live.trap)

    const res = { i, fired, steps: out.steps.length, failure: out.failure?.step }
    if (fired) {
      const f = out.failure
      Object.assign(res, trapSite(live))
      if (!f) {
        // the trap fired outside any call of the app (a finalizer during the workload): no call failed,
        // but the next use of an object of the dead generation must be typed
        if (events.abortOutsideCall === outsideBefore) problem(id, 'the trap fired but no call failed and no abort was reported', out)
        res.outside = true
      } else if (f.name === 'WasmAbortError') {
        res.export = f.export
        checkAbort(ctx, id, f)
      } else if (f.name === 'WasmStaleObjectError' && events.abortOutsideCall > outsideBefore) {
        res.outside = true
      } else problem(id, 'the failing call did not get WasmAbortError', f)
      // the steps before it gave the oracle's results
      if (!same(out.steps, p.oracle.steps.slice(0, out.steps.length))) problem(id, 'a step before the abort gave a wrong result', { got: out.steps, want: p.oracle.steps })
      checkStale(ctx, id, out)
    } else {
      if (out.failure) problem(id, 'a call failed although the trap did not fire', out.failure)
      if (!same(out.steps, p.oracle.steps)) problem(id, 'wrong workload result (no trap)', { got: out.steps, want: p.oracle.steps })
    }

    // 'double' runs: a second trap, in the fresh generation, during the first check script after the abort
    if (fired && r() < 0.25 && liveInstance().deadAt === null) {
      const second = liveInstance()
      const k = int(r, 1, ctx.checkTotal)
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
    const traps = (fired ? 1 : 0) + (res.doubleFired ? 1 : 0)
    await closeRun(ctx, id, res, { traps, abortsBefore, uncaughtBefore, live, outFailure: out.failure })
  }
  return finish(ctx)
}
