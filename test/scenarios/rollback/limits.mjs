// Policy 'rollback' options: `readOnly` exports need no checkpoint after them; over `maxMemory` no
// checkpoint is taken and an abort reinitialises (event rollback-failed).
import { onRecovery, recoveryStats } from '@wasm-recovery/runtime'
import { outcome, uncaught } from './lib.mjs'

export default async function run(m) {
  const r = {}
  const failed = []
  onRecovery((e) => e.type === 'rollback-failed' && failed.push(e.reason))
  const taken = () => recoveryStats('wr_fixture').checkpoints
  const c = new m.Counter(1)
  const steps = []
  const step = (label, f) => {
    f()
    steps.push([label, taken()])
  }
  step('add', () => m.add(1, 2))
  step('add again', () => m.add(1, 2))
  step('value', () => c.value)
  step('increment', () => c.increment())
  step('value after increment', () => c.value)
  step('add after value', () => m.add(1, 2))
  r.steps = steps
  r.panicSmall = outcome(() => c.panic_in_mut())
  r.afterSmall = outcome(() => c.value)
  // grow memory past maxMemory: automatic checkpoints stop, an abort reinitialises
  r.grow = outcome(() => m.alloc_huge(16 * 1024 * 1024))
  r.panicBig = outcome(() => c.panic_in_mut())
  r.afterBig = outcome(() => c.value)
  r.failed = failed
  r.stats = recoveryStats('wr_fixture')
  r.uncaught = uncaught
  return r
}
