// Two copies of one package in one bundle (both glue modules named wr_fixture). The first one trips its
// circuit breaker; the app holds an object of the second, healthy one.
import { outcome } from '../lib.mjs'
import { onRecovery, recoveryStats, resetModule } from '@wasm-recovery/runtime'

const ids = []
onRecovery((e) => ids.push(`${e.type}:${e.id}`))

export default async function run(one, two) {
  const r = {}
  const held = new two.Counter(1)
  r.trip = [outcome(() => one.panic_now('a')), outcome(() => one.panic_now('b'))].map((o) => o.name)
  r.oneRefuses = outcome(() => one.add(1, 2))
  r.all = recoveryStats()
  r.byName = recoveryStats('wr_fixture')
  r.byId = ['wr_fixture#1', 'wr_fixture#2'].map((id) => outcome(() => recoveryStats(id).state))
  r.reset = await resetModule('wr_fixture').then(() => 'ok', (e) => String(e))
  r.oneAfterReset = outcome(() => one.add(1, 2))
  r.heldAfterReset = outcome(() => held.increment())
  r.byNameAfter = recoveryStats('wr_fixture')
  // all healthy: a reset by name has nothing to repair, so the held object keeps working
  r.resetHealthy = await resetModule('wr_fixture').then(() => 'ok', (e) => String(e))
  r.heldAfterHealthyReset = outcome(() => held.increment())
  // named by id, a healthy copy is started over, as a single module always was
  r.resetById = await resetModule('wr_fixture#2').then(() => 'ok', (e) => String(e))
  r.heldAfterIdReset = outcome(() => held.increment())
  r.statsEnd = recoveryStats().map((s) => [s.id, s.state, s.generation])
  r.events = ids
  return r
}
