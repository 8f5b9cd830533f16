// A panic storm and a module whose fresh instances abort in their start function.
import { recoveryStats, resetModule } from '@wasm-recovery/runtime'
import { made } from './start-trap.mjs'
import { events, outcome } from './lib.mjs'

export default async function run(m) {
  const r = { names: {} }
  r.first = outcome(() => m.add(1, 2))
  // every fresh instance aborts in start: the breaker must stop the re-instantiation
  for (let i = 0; i < 100; i++) {
    const o = outcome(() => m.panic_now('x'))
    const key = o.ok ? 'ok' : `${o.name}${o.reason ? ':' + o.reason : ''}`
    r.names[key] = (r.names[key] ?? 0) + 1
  }
  r.instancesAfterStorm = made.instances
  r.stats = recoveryStats('wr_fixture')
  // the app stays responsive: the event loop keeps turning during a further 10 s of refused calls
  const until = Date.now() + 10_000
  let calls = 0
  let maxLag = 0
  while (Date.now() < until) {
    for (let i = 0; i < 1000; i++, calls++) outcome(() => m.add(1, 1))
    const t = Date.now()
    await new Promise((res) => setTimeout(res, 0))
    maxLag = Math.max(maxLag, Date.now() - t)
  }
  r.refusedCalls = calls
  r.maxLagMs = maxLag
  r.instancesAfter10s = made.instances
  r.rssMb = Math.round(process.memoryUsage().rss / 2 ** 20)
  r.poisonedEvents = events.filter((e) => e.type === 'poisoned').length
  return r
}
