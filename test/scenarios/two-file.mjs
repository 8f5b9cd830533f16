// The two-file nodejs form (test/helpers/two-file.ts): a panic, then the module carries on from a fresh
// instance (its counter in linear memory starts again) with the plugin, or from the aborted one without it.
import { outcome, events, uncaught } from './lib.mjs'

export default function run(m) {
  const r = {}
  r.add = outcome(() => m.add(1, 2))
  r.bumps = outcome(() => [m.bump(), m.bump()])
  r.panic = outcome(() => m.panic_now())
  r.afterPanic = outcome(() => [m.bump(), m.add(2, 2)])
  r.thrown = outcome(() => m.throw_msg())
  r.afterThrown = outcome(() => m.bump())
  r.events = events.map((e) => `${e.type}:${e.export ?? ''}`)
  r.uncaught = uncaught
  return r
}
