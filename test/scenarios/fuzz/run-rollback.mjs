// The fuzz driver under policy 'rollback' (a bundle of its own; one child process per batch). For each run:
//   1. arm the injected trap of the live instance (chosen as in run.mjs: see driver.mjs `plan`);
//   2. run the workload; when a call fails with WasmAbortError (`rollback: true`), the events of that
//      call must be exactly 'abort' then 'rollback', in the SAME generation, and a fresh instance must
//      hold the checkpoint — the injected countdown global included, so it is still armed: disarm it
//      (in a quarter of the runs arm it again for a second rollback), then RETRY the same call on the
//      same objects and go on. Every step's result must then equal the oracle's, no step may fail;
//   3. an abort outside any call from the app (a closure called by JS, a future polled in a microtask,
//      a finalizer) is rolled back only when it belongs to the awaited async call that followed the
//      checkpoint (as 2.); otherwise 'rollback-failed' (that reason only) then 'reinit' — the run is
//      judged like a run of policy 'reinit' (steps before the failure, typed stale objects);
//   4. then as every run: the check script on new objects equals the oracle's, one abort event per
//      trap, no dead instance entered, nothing unhandled.
import { onRecovery, recoveryStats } from '@wasm-recovery/runtime'
import { arm, countdown, disarm, latest } from './instances.mjs'
import { int } from './prng.mjs'
import { failure, same, workload } from './exec.mjs'
import { armLive, checkAbort, checkStale, closeRun, finish, macrotask, plan, setup, trapSite } from './driver.mjs'

export const OUTSIDE = 'the abort happened outside a call from the app'

export default async function runRollback(m, w, p) {
  const ctx = await setup(m, w, p)
  const { events, log, problem } = ctx
  // the restored instance holds the checkpoint's countdown (still armed): it is disarmed the moment it
  // takes over (the event comes after the swap), before anything can enter it — after an abort outside
  // any call (a future's poll) other microtasks may run in it before the app's retry
  let restoredAt = null
  onRecovery((e) => {
    if (e.module !== w.module || e.type !== 'rollback') return
    const f = latest()
    restoredAt = f.deadAt === null ? { rec: f, instance: f.index, countdown: countdown(f), target: f.raw.__wrfuzz_target.value } : { rec: f, dead: true }
    if (f.deadAt === null) disarm(f)
  })
  for (let i = p.from; i < p.to; i++) {
    const { r, id, target, count } = plan(ctx, i)
    const uncaughtBefore = ctx.uncaught.length
    const abortsBefore = events.abort
    const before = recoveryStats(w.module)
    const logFrom = log.length
    let seen = log.length

    const first = armLive(ctx, id, target, count)
    let armed = first
    let armedTarget = target
    // false once disarmed: a trap then is not the injected one
    let isArmed = true
    // a second trap, armed in the restored instance after the first rollback
    let rearm = r() < 0.25
    const res = { i }
    const dead = []
    const rolled = []
    let fellBack = null

    // the globals of the last rollback's fresh instance, as restored
    let lastRestored = null
    const retry = async (label, e, attempt) => {
      const f = failure(e)
      const victim = armed
      // not the injected trap (or an earlier one's staleness): the failure stands and is judged below
      if (victim.deadAt === null || dead.includes(victim)) return false
      dead.push(victim)
      if (!isArmed) {
        problem(id, 'an instance died, but not of the injected trap', { failure: f, trap: victim.trap })
        return false
      }
      // the restored instance holds the checkpoint's countdown (still armed): disarm it before anything can
      // enter it. Right after the rollback it is the newest instance (a new spare comes at the next checkpoint).
      let evs = log.slice(seen)
      // an abort outside a call from the app is settled in a microtask ('rollback-failed', 'reinit')
      if (!evs.some((x) => x.type === 'rollback')) {
        await macrotask()
        evs = log.slice(seen)
      }
      seen = log.length
      const at = restoredAt
      restoredAt = null
      const fresh = at?.rec ?? latest()
      const restored = at && !at.dead && fresh !== victim ? { instance: at.instance, countdown: at.countdown, target: at.target } : null
      const site = trapSite(victim)
      if (!evs.some((x) => x.type === 'rollback')) {
        fellBack = { step: label, failure: f, events: evs, ...site }
        return false
      }
      if (f.name !== 'WasmAbortError') problem(id, 'a rolled-back call did not get WasmAbortError', f)
      else checkAbort(ctx, id, f)
      if (f.rollback !== true) problem(id, 'WasmAbortError of a rolled-back call without `rollback: true`', f)
      const types = evs.map((x) => x.type).join(',')
      if (types !== 'abort,rollback') problem(id, `events of a rolled-back call: ${types}`, evs)
      if (evs.some((x) => x.generation !== before.generation)) problem(id, 'a rollback event names another generation', { evs, generation: before.generation })
      if (!restored) problem(id, 'no live fresh instance after the rollback', { fresh: fresh.index, victim: victim.index })
      // exported mutable globals are in the checkpoint: the countdown had not reached 0 before the call.
      // A retried call that fails again may have had no checkpoint of its own (nothing changed since the
      // rollback; re-arming writes the globals from outside): then the same checkpoint is restored again.
      else if (
        (restored.countdown <= 0 || restored.target !== armedTarget) &&
        !(attempt > 0 && lastRestored && restored.countdown === lastRestored.countdown && restored.target === lastRestored.target)
      )
        problem(id, "the fresh instance does not hold the checkpoint's exported globals (the injected countdown)", { ...restored, armedTarget, attempt, lastRestored })
      if (restored) lastRestored = restored
      const ev = evs.find((x) => x.type === 'rollback')
      rolled.push({ step: label, export: f.export, bytes: ev?.bytes, ms: ev?.durationMs, ...site })
      isArmed = false
      if (restored) {
        armed = fresh
        if (rearm) {
          isArmed = true
          rearm = false
          res.second = int(r, 1, ctx.total)
          armedTarget = -1
          arm(fresh, -1, res.second)
        }
      }
      return true
    }

    // objects are stale only after a failed rollback (probing live ones would change them)
    const failedSince = () => log.slice(logFrom).some((x) => x.type === 'rollback-failed')
    const out = await workload(m, w, { withStale: failedSince, retry })
    if (armed.deadAt === null) disarm(armed)
    // a trap that failed no call (a finalizer, a future nobody awaited)
    else if (!dead.includes(armed)) {
      dead.push(armed)
      if (!isArmed) problem(id, 'an instance died, but not of the injected trap', armed.trap)
    }
    for (const d of dead) if (countdown(d) !== 0) problem(id, 'an instance died, but not of the injected trap', d.trap)
    const after = recoveryStats(w.module)
    const runEvents = log.slice(logFrom)
    const failed = runEvents.filter((x) => x.type === 'rollback-failed')

    Object.assign(res, {
      fired: dead.length > 0,
      traps: dead.length,
      rollbacks: rolled.length,
      rolled,
      steps: out.steps.length,
      failure: out.failure?.step,
    })
    if (dead.length) Object.assign(res, trapSite(dead[0]))
    const rollbackEvents = runEvents.filter((x) => x.type === 'rollback').length
    if (after.rollbacks - before.rollbacks !== rollbackEvents)
      problem(id, `recoveryStats().rollbacks went up by ${after.rollbacks - before.rollbacks} for ${rollbackEvents} rollback events`, { before, after })
    // the scripts throw nothing through wasm frames (the oracle's steps never fail): every rollback is of an injected abort
    if (rollbackEvents !== rolled.length) problem(id, `${rollbackEvents} rollback events for ${rolled.length} rolled-back aborts`, runEvents)

    if (failed.length) {
      // could not roll back: a reinit instead, judged like a run of policy 'reinit'
      res.fallback = failed.map((x) => x.reason)
      res.fallbackStep = fellBack?.step ?? out.failure?.step ?? '(no call failed)'
      res.fallbackError = fellBack?.failure ?? out.failure
      for (const x of failed) if (x.reason !== OUTSIDE) problem(id, `rollback failed: ${x.reason}`, { fellBack, out: out.failure })
      const reinits = runEvents.filter((x) => x.type === 'reinit').length
      if (reinits !== failed.length) problem(id, `${reinits} reinit events for ${failed.length} failed rollbacks`, runEvents)
      if (after.generation === before.generation) problem(id, 'no new generation after a failed rollback', { before, after })
      const f = out.failure
      if (f && f.name === 'WasmAbortError') checkAbort(ctx, id, f)
      else if (f && f.name !== 'WasmStaleObjectError') problem(id, 'the failing call did not get WasmAbortError (rollback failed)', f)
      if (!same(out.steps, p.oracle.steps.slice(0, out.steps.length))) problem(id, 'a step before the abort gave a wrong result (rollback failed)', { got: out.steps, want: p.oracle.steps })
      checkStale(ctx, id, out)
    } else if (dead.length) {
      if (out.failure) problem(id, 'a step failed after its abort was rolled back', { failure: out.failure, rolled })
      else if (!same(out.steps, p.oracle.steps)) problem(id, 'the steps, retried after rollbacks, differ from the oracle', { got: out.steps, want: p.oracle.steps, rolled })
      if (rolled.length !== dead.length) problem(id, `${dead.length} traps, ${rolled.length} rollbacks, no failed rollback`, runEvents)
      if (after.generation !== before.generation || after.reinits !== before.reinits) problem(id, 'a rollback changed the generation or reinitialised', { before, after })
    } else {
      if (out.failure) problem(id, 'a call failed although the trap did not fire', out.failure)
      if (!same(out.steps, p.oracle.steps)) problem(id, 'wrong workload result (no trap)', { got: out.steps, want: p.oracle.steps })
      if (runEvents.length) problem(id, 'recovery events although the trap did not fire', runEvents)
    }

    await closeRun(ctx, id, res, { traps: dead.length, abortsBefore, uncaughtBefore, live: first, outFailure: out.failure })
  }
  return finish(ctx)
}
