// Every failure mode of our own fixture crate, on whatever target the entry imported.
import { events, gcTwice, outcome, outcomeAsync, stats, uncaught } from './lib.mjs'

export default async function run(m) {
  const r = {}
  r.add = outcome(() => m.add(1, 2))
  r.greet = outcome(() => m.greet('x'))
  r.startCount = outcome(() => m.start_count())

  // a plain panic
  r.panic = outcome(() => m.panic_now('boom'))
  r.afterPanic = outcome(() => m.add(2, 3))
  r.startAfterPanic = outcome(() => m.start_count())
  r.statsAfterPanic = stats('wr_fixture')

  // a panic while `&mut self` is borrowed
  const c = new m.Counter(5)
  r.increment = outcome(() => c.increment())
  r.panicInMut = outcome(() => c.panic_in_mut())
  r.staleIncrement = outcome(() => c.increment())
  r.staleGetter = outcome(() => c.value)
  r.staleFree = outcome(() => c.free())
  r.freshCounter = outcome(() => new m.Counter(1).increment())
  r.isInstance = new m.Counter(1) instanceof m.Counter

  // a JS callback that throws through Rust frames: the error passes, the torn borrow is caught later
  const torn = new m.Counter(1)
  r.throwingCallback = outcome(() => torn.with_callback(() => { throw new Error('from js') }))
  r.afterTorn = outcome(() => torn.increment())
  r.afterTornFresh = outcome(() => new m.Counter(3).increment())
  r.callCallbackThrows = outcome(() => m.call_callback(() => { throw new Error('plain js') }, 1))
  r.callCallbackOk = outcome(() => m.call_callback((x) => x + 1, 41))

  // a `catch` import: the Rust side handles the JS error, nothing is corrupted
  r.tryCallback = outcome(() => m.try_callback(() => { throw new Error('caught by rust') }, 1))
  r.tryCallbackOk = outcome(() => m.try_callback((x) => x * 3, 2))

  // allocation failure and unbounded recursion
  r.oom = outcome(() => m.alloc_huge(3_000_000_000))
  r.afterOom = outcome(() => m.alloc_huge(1024))
  r.recursion = outcome(() => m.recurse(100_000_000))
  r.afterRecursion = outcome(() => m.recurse(10))

  // a nested abort: wasm → JS → wasm, the inner call panics
  r.nested = outcome(() => m.call_callback(() => m.panic_now('inner'), 1))
  r.afterNested = outcome(() => m.add(20, 22))

  // a closure handed to JS and called later
  const f = m.make_closure()
  r.closure = outcome(() => f(4))
  r.closurePanic = outcome(() => f(0))
  r.afterClosure = outcome(() => m.add(1, 1))
  r.staleClosure = outcome(() => f(4))

  // async exports
  r.asyncOk = await outcomeAsync(() => m.async_ok(1))
  r.asyncPanic = await outcomeAsync(() => m.async_panic('async boom'))
  r.afterAsync = outcome(() => m.add(3, 4))
  // another call's pending Promise, when its generation dies under it, settles typed too
  const pending = m.async_ok(5)
  r.abortWhilePending = outcome(() => m.panic_now('while pending'))
  r.pendingAtAbort = await outcomeAsync(() => pending)
  r.afterPending = outcome(() => m.add(3, 4))

  // Drop runs on free(); finalizers of dead generations never enter an instance
  const before = m.drop_count()
  new m.Counter(1).free()
  r.dropped = m.drop_count() - before
  let garbage = Array.from({ length: 200 }, (_, i) => new m.Counter(i))
  r.panicWithGarbage = outcome(() => m.panic_now('with garbage'))
  garbage = null
  await gcTwice()
  r.afterGc = outcome(() => m.add(1, 1))

  r.stats = stats('wr_fixture')
  r.events = events
  r.uncaught = uncaught
  return r
}
