// The circuit breaker, on our own fixture crate (wr_fixture).
// params.mode:
// - 'backToBack': panic_now with no good call in between, up to params.n times or until a call is not a
//   WasmAbortError; then other exports, resetModule('wr_fixture'), and the same once more after the reset;
// - 'alternate': panic_now then add(), params.n times;
// - 'methods': a fresh Counter (its constructor), two good method calls, then a method that panics,
//   params.n times: methods do not end the breaker's streak (runtime Supervisor.done), the constructor
//   every fresh generation's object comes from does.
import { onRecovery, recoveryStats, resetModule } from '@wasm-recovery/runtime'
import { failure, outcome, uncaught } from '../lib.mjs'
import { quietConsoleError } from './_loop.mjs'

const MODULE = 'wr_fixture'
const brief = (o) => (o.ok ? { ok: true, value: o.value } : { name: o.name, reason: o.reason, generation: o.generation, export: o.export, module: o.module })

/** panic_now until a call is not a WasmAbortError (or n calls): the index and outcome of that call. */
function backToBack(m, n) {
  const r = { aborts: 0, abortGenerations: [], first: null, last: null, tripIndex: null, trip: null, panicMessages: 0 }
  for (let i = 0; i < n; i++) {
    const o = outcome(() => m.panic_now(`b2b ${i}`))
    if (o.ok || o.name !== 'WasmAbortError' || o.module !== MODULE) {
      r.tripIndex = i
      r.trip = brief(o)
      r.statsAtTrip = recoveryStats(MODULE)
      break
    }
    r.aborts++
    if (o.panicMessage === `b2b ${i}`) r.panicMessages++
    if (r.abortGenerations.length < 30) r.abortGenerations.push(o.generation)
    r.first ??= brief(o)
    r.last = brief(o)
  }
  return r
}

export default async function run(m, p) {
  quietConsoleError()
  const events = []
  onRecovery((e) => events.push({ type: e.type, generation: e.generation }))
  const r = { before: outcome(() => m.add(1, 2)) }
  const t0 = performance.now()
  if (p.mode === 'alternate') {
    r.badAbort = 0
    r.goodOk = 0
    r.odd = null
    for (let i = 0; i < p.n; i++) {
      const bad = outcome(() => m.panic_now(`alt ${i}`))
      if (!bad.ok && bad.name === 'WasmAbortError') r.badAbort++
      else r.odd ??= { index: i, bad: brief(bad) }
      const good = outcome(() => m.add(i, 1))
      if (good.ok && good.value === i + 1) r.goodOk++
      else r.odd ??= { index: i, good: brief(good) }
    }
  } else if (p.mode === 'methods') {
    r.badAbort = 0
    r.goodOk = 0
    r.odd = null
    for (let i = 0; i < p.n; i++) {
      let c
      const made = outcome(() => void (c = new m.Counter(i)))
      if (!made.ok) {
        r.odd ??= { index: i, constructor: brief(made) }
        continue
      }
      const good = outcome(() => c.increment() + c.value)
      if (good.ok && good.value === 2 * (i + 1)) r.goodOk++
      else r.odd ??= { index: i, good: brief(good) }
      const bad = outcome(() => c.panic_in_mut())
      if (!bad.ok && bad.name === 'WasmAbortError') r.badAbort++
      else r.odd ??= { index: i, bad: brief(bad) }
    }
  } else {
    r.run = backToBack(m, p.n)
    // once tripped, every export and constructor is refused alike
    r.afterAdd = brief(outcome(() => m.add(2, 3)))
    r.afterCounter = brief(outcome(() => new m.Counter(1).increment()))
    r.afterPanic = brief(outcome(() => m.panic_now('after')))
    r.statsAfter = recoveryStats(MODULE)
    r.eventsAtTrip = {
      count: events.length,
      types: countTypes(events),
      poisoned: events.filter((e) => e.type === 'poisoned'),
      tail: events.slice(-4),
    }
    try {
      await resetModule(MODULE)
      r.reset = { ok: true }
    } catch (e) {
      r.reset = failure(e)
    }
    r.statsAfterReset = recoveryStats(MODULE)
    r.afterReset = brief(outcome(() => m.add(40, 2)))
    r.counterAfterReset = brief(outcome(() => new m.Counter(1).increment()))
    // the streak starts over after the reset: the same threshold again
    r.again = backToBack(m, p.n)
    r.statsAgain = recoveryStats(MODULE)
  }
  r.ms = Math.round(performance.now() - t0)
  r.final = outcome(() => m.add(20, 22))
  r.stats = recoveryStats(MODULE)
  r.eventTypes = countTypes(events)
  r.uncaught = uncaught.slice(0, 5)
  return r
}

function countTypes(events) {
  const c = {}
  for (const e of events) c[e.type] = (c[e.type] ?? 0) + 1
  return c
}
