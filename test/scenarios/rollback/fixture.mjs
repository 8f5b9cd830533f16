// Policy 'rollback' on our fixture crate: objects made before a failing call keep their state (as it
// was before that call), the failing call still throws WasmAbortError, nothing becomes stale.
import { checkpoint, onRecovery, recoveryStats } from '@wasm-recovery/runtime'
import { outcome, outcomeAsync, uncaught } from './lib.mjs'

export default async function run(m) {
  const ev = []
  onRecovery((e) => ev.push({ type: e.type, export: e.export, generation: e.generation, reason: e.reason, bytes: e.bytes }))
  const r = {}
  const c = new m.Counter(5)
  const d = new m.Counter(100)
  r.before = [c.increment(), d.value]
  // panic_in_mut adds 1, then panics while &mut self is borrowed: the rollback undoes both
  r.panicInMut = outcome(() => c.panic_in_mut())
  r.afterPanicInMut = outcome(() => [c.value, c.increment(), d.value, d.increment()])
  r.panicNow = outcome(() => m.panic_now('rolled back'))
  r.afterPanicNow = outcome(() => [c.value, d.value, m.add(2, 3), m.greet('x')])
  r.recurse = outcome(() => m.recurse(1e8))
  r.afterRecurse = outcome(() => [c.increment(), d.value])
  r.allocHuge = outcome(() => m.alloc_huge(3_000_000_000))
  r.afterAllocHuge = outcome(() => [c.value, d.value])
  // a callback that makes an object and keeps it, during a call that then fails: that object is not in
  // the checkpoint, so it must fail typed afterwards (not free or touch memory that is not its own)
  let kept
  r.keptAcross = outcome(() => c.with_callback(() => { kept = new m.Counter(7); m.panic_now('after making one') }))
  r.keptObject = outcome(() => kept.value)
  r.keptFree = outcome(() => kept.free())
  r.afterKept = outcome(() => [c.value, d.value])
  // a failed call that grew memory first: the fresh instance gets the checkpoint's size, and grows again
  r.grownInFailedCall = outcome(() => c.with_callback(() => { m.alloc_huge(32 << 20); m.panic_now('after growing') }))
  r.afterGrown = outcome(() => [c.value, d.value, m.alloc_huge(1 << 20)])
  // an object freed (handed to wasm by value) during a call that then fails gets its pointer back
  const f = new m.Counter(50)
  f.increment()
  const drops = m.drop_count()
  r.freedInFailedCall = outcome(() => c.with_callback(() => { f.free(); m.panic_now('after a free') }))
  r.afterFreed = outcome(() => [f.value, f.increment(), m.drop_count() - drops])
  r.freeAgain = outcome(() => [f.free(), m.drop_count() - drops])
  // an exception from a callback unwinds the Rust frames (no destructor runs, the &mut borrow stays set):
  // the caller gets that exception, and the call is undone like an aborted one
  r.thrownThrough = outcome(() => c.with_callback(() => { throw new Error('from a callback') }))
  r.afterThrown = outcome(() => [c.value, c.increment(), c.value])
  // an abort in a future polled from a microtask (outside any call of the app): no other async export was
  // pending at the checkpoint before async_panic, so it returns there and the objects stay valid
  r.asyncPanic = await outcomeAsync(() => m.async_panic('later'))
  r.afterAsync = outcome(() => [m.add(1, 1), c.value])
  // another one pending at that checkpoint: its future would be replayed from a spent microtask, so a reinit
  const other = m.async_ok(1)
  r.asyncPanic2 = await outcomeAsync(() => m.async_panic('again'))
  r.other = await outcomeAsync(() => other)
  r.afterAsync2 = outcome(() => [m.add(1, 1)])
  r.oldAfterReinit = outcome(() => c.value)
  // manual checkpoint API (mode 'call' too): allowed at a quiescent point
  const e = new m.Counter(1)
  r.manual = outcome(() => checkpoint('wr_fixture'))
  r.afterManual = outcome(() => [e.increment(), e.value])
  r.stats = recoveryStats('wr_fixture')
  r.events = ev
  r.uncaught = uncaught
  return r
}
