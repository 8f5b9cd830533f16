// Policy 'rollback' when no spare instance can be made at checkpoint time (as on a browser's main thread
// for modules over 8 MB): the checkpoint is kept as copies and restored into a fresh instance.
import { recoveryStats } from '@wasm-recovery/runtime'
import { events, outcome, uncaught } from './lib.mjs'

const RealInstance = WebAssembly.Instance
let refuse = false
const count = { refused: 0, made: 0 }
WebAssembly.Instance = new Proxy(RealInstance, {
  construct(target, args) {
    if (refuse) {
      count.refused++
      throw new RangeError('no synchronous instantiation here')
    }
    count.made++
    return Reflect.construct(target, args)
  },
})

export default async function run(m) {
  const r = {}
  refuse = true
  const c = new m.Counter(5)
  r.calls = outcome(() => [c.increment(), c.increment(), m.greet('copies')])
  const before = count.made
  // its checkpoint is copies too; instantiation works again by the time it panics
  r.panic = outcome(() => c.with_callback(() => { refuse = false; m.panic_now('with copies') }))
  r.refused = count.refused
  // the fresh instance the copies went into
  r.madeForRestore = count.made - before
  r.after = outcome(() => [c.value, c.increment(), m.add(1, 2)])
  // later checkpoints may use a spare instance again; a second abort restores from that one
  r.panic2 = outcome(() => m.panic_now('second'))
  r.after2 = outcome(() => [c.value, c.increment()])
  r.stats = recoveryStats('wr_fixture')
  r.events = events.map((e) => e.type)
  r.uncaught = uncaught
  return r
}
