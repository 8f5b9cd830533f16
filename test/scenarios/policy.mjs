// What happens after an abort under the configured policy.
import { resetModule } from '@wasm-recovery/runtime'
import { events, outcome, stats } from './lib.mjs'

export default async function run(m) {
  const r = {}
  const c = new m.Counter(1)
  r.panic = outcome(() => m.panic_now('p'))
  r.next = outcome(() => m.add(1, 2))
  r.newObject = outcome(() => new m.Counter(1).increment())
  r.oldObject = outcome(() => c.increment())
  r.stats = outcome(() => stats('wr_fixture'))
  r.reset = await resetModule('wr_fixture').then(() => 'ok', (e) => String(e))
  r.afterReset = outcome(() => m.add(2, 2))
  r.statsAfterReset = outcome(() => stats('wr_fixture'))
  r.events = events.map((e) => e.type)
  return r
}
