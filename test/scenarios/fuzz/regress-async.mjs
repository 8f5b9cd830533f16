// Async work of a dead generation, found by the trap-injection fuzz. No process handlers are installed:
// with Node's defaults an uncaught exception or an unhandled rejection ends the process (exit code 1),
// which is what "a panic fails one call, never the app" forbids. Each case prints its RESULT only if
// the process is still alive 50 ms later.
const tick = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const settle = (p) => p.then((value) => ({ ok: true, value }), (e) => ({ ok: false, name: e?.name }))

export const cases = {
  /** An async export in flight (its task queued in a microtask), then a synchronous panic. */
  async inflight(m) {
    const a = settle(m.async_ok(1))
    let panic
    try {
      m.panic_now('sync panic while async_ok is in flight')
    } catch (e) {
      panic = e.name
    }
    await tick(50)
    return { panic, asyncOk: await a, after: m.add(1, 2), again: await settle(m.async_ok(41)) }
  },

  /** The module polled its future and waits on a JS Promise (`.then` registered); a panic comes first. */
  async pendingReaction(m) {
    const a = settle(m.async_ok(1))
    let panic
    queueMicrotask(() => {
      try {
        m.panic_now('sync panic while a JsFuture is pending')
      } catch (e) {
        panic = e.name
      }
    })
    await tick(50)
    return { panic, asyncOk: await a, after: m.add(1, 2), again: await settle(m.async_ok(41)) }
  },

  /** A panic inside a `js_sys::Promise::new` executor closure (injected: params.target, 1st entry). */
  async executor(m, p, ctl) {
    ctl.arm(ctl.latest(), p.target, 1)
    let sync
    let a
    try {
      a = settle(m.async_ok(1))
    } catch (e) {
      sync = e.name
    }
    await tick(50)
    return { sync, asyncOk: a ? await a : null, after: m.add(1, 2), again: await settle(m.async_ok(41)) }
  },
}
