// Policy 'rollback', found by the trap-injection fuzz (run-rollback.mjs): minimal reproductions. Bundled
// with `{ policy: 'rollback' }`, ./instances.mjs preloaded (`ctl`), no process handlers.
import { onRecovery } from '@wasm-recovery/runtime'

const tick = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const events = []
onRecovery((e) => events.push(e.type))
const outcome = (f) => {
  try {
    return { ok: true, value: f() }
  } catch (e) {
    return { ok: false, name: e?.name, message: String(e?.message).slice(0, 200) }
  }
}

export const cases = {
  /**
   * photon 0.3.11 (CLI 0.2.68 glue): an object passed BY VALUE is consumed by an inline `x.ptr = 0`
   * (no `__destroy_into_raw`). The call aborts at its first wasm entry (nothing consumed in Rust), the
   * state is rolled back: the Rgb must be usable again, so retrying the same call must work.
   * (fuzz: master seed 20261123, photon runs 4, 10, 12, 15, 17 — run seeds 2817947379, 687326739, …)
   */
  consumedByValue(m, p, ctl) {
    const img = new m.PhotonImage(Uint8Array.from({ length: 8 * 8 * 4 }, (_, i) => (i * 37 + 11) % 256), 8, 8)
    const rgb = new m.Rgb(20, 40, 60)
    ctl.arm(ctl.live(), -1, 1)
    const first = outcome(() => m.selective_hue_rotate(img, rgb, 0.2))
    ctl.disarm(ctl.latest())
    const evs = [...events]
    // usable again, as before the failed call…
    const rgbRed = outcome(() => rgb.get_red())
    const retry = outcome(() => m.selective_hue_rotate(img, rgb, 0.2))
    // …and consumed by the retry that succeeded, as without any abort
    const afterRetry = outcome(() => rgb.get_red())
    return { first: first.name, events: evs, rgbRed, retry: retry.ok ? 'ok' : retry.message, afterRetry: afterRetry.ok ? afterRetry.value : afterRetry.message }
  },

  /**
   * Our fixture (CLI 0.2.108 glue): a closure made BEFORE the failed call keeps `state.dtor`, the
   * destroy export the glue captured when the closure was made. After a rollback, when the closure is
   * collected, its finalizer must destroy it in the live instance — never enter the dead one.
   * (fuzz: master seed 20261123, fixture-web run 10, run seed 1925375560; fixture: the batch's final GC)
   */
  async closureDtor(m, p, ctl) {
    let f = m.make_closure()
    const before = f(3)
    // the fixture's own instances (not instrumented: ctl.live() skips them): the one entered last, and
    // right after the rollback the newest (the swapped-in one)
    const own = ctl.instances.filter((x) => typeof x.raw.make_closure === 'function')
    const dead = own.reduce((a, b) => (b.lastEntry > a.lastEntry ? b : a))
    const panic = outcome(() => m.panic_now('boom'))
    const live = ctl.instances.findLast((x) => typeof x.raw.make_closure === 'function')
    const after = f(4)
    const liveCalls = live.calls
    f = null
    for (let i = 0; i < 5; i++) {
      globalThis.gc()
      await tick(10)
    }
    return {
      before,
      panic: panic.name,
      events: [...events],
      freshInstance: live !== dead,
      after,
      deadEntered: dead.afterDeath,
      liveEnteredByTheFinalizer: live.calls - liveCalls,
    }
  },
}
