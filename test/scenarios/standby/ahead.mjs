// Policy 'reinit' with the event loop idle between aborts: the generation the runtime made ahead (its
// start held back) takes over, runs its start then and only then, and a start that aborts there is an
// abort like any other (the next call makes a generation on the call path).
import { onRecovery, recoveryStats } from '@wasm-recovery/runtime'
import { outcome, uncaught } from '../lib.mjs'
import { control } from './start-switch.mjs'

const idle = () => new Promise((r) => setTimeout(r, 30))
const generation = () => recoveryStats('wr_fixture').generation

export default async function run(m) {
  const events = []
  onRecovery((e) => events.push(`${e.type}:${e.generation}${e.export ? ':' + e.export : ''}`))
  const r = {}
  // no idle turn before this one: its generation is made on the call path
  r.first = outcome(() => m.panic_now('first'))
  // made ahead while every start would trap: a start run then would fail it
  let n = control.instances
  control.trapStarts = true
  await idle()
  control.trapStarts = false
  r.madeInIdle = control.instances - n
  n = control.instances
  r.second = outcome(() => m.panic_now('second'))
  r.madeAtSecond = control.instances - n
  // its start ran on takeover, once: the panic hook it installs gives the next abort its message
  r.afterSecond = outcome(() => [generation(), m.start_count(), m.add(2, 3)])
  r.third = outcome(() => m.panic_now('third'))
  await idle()
  // the held start traps when it runs, on takeover
  control.trapStarts = true
  r.fourth = outcome(() => m.panic_now('fourth'))
  control.trapStarts = false
  r.afterFourth = outcome(() => m.add(1, 1))
  r.generation = generation()
  r.events = events
  r.uncaught = uncaught
  return r
}
