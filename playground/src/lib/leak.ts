// Plugin off: what a panic really leaves behind. Each panic under panic=abort leaks the shadow stack of
// the frames it abandoned, in the same instance; after some thousands (7,281 for wr_fixture, measured)
// every call that needs the stack fails `memory access out of bounds`, until the page reloads.
import type { Step } from './outcome'
import type { Fixture } from '../modules/types'

const LIMIT = 20_000

/** Panics again and again in the same instance until greet() fails; the step fails with greet's error. */
export function leakStep(fx: Fixture): Step {
  return {
    label: "panic_now('leak') again and again, greet() after each  // the same instance",
    run: () => {
      // the panic hook prints each panic: thousands of console lines would only slow the page down
      const log = console.error
      console.error = () => {}
      try {
        for (let i = 1; i <= LIMIT; i++) {
          try {
            fx.panic_now('leak')
          } catch {}
          try {
            fx.greet('again')
          } catch (e) {
            const err = e as Error
            err.message = `${err.message}, after ${i} more panic${i === 1 ? '' : 's'}: the leaked shadow stack ran out`
            throw err
          }
        }
      } finally {
        console.error = log
      }
      return `greet() still works after ${LIMIT} more panics`
    },
  }
}
