// Policy 'reinit': after a recovery, the next generation is made when the event loop is idle (the glue
// body run, its instance made and bound, its classes patched) with its `__wbindgen_start` held back. The
// next recovery takes it and runs only that start: the fixed cost of a generation leaves the call path.
// Nothing of it runs early: the build emits `standby` only for a .wasm without a start section.

import { now } from './clock.js'
import type { Generation } from './generation.js'
import { GenState } from './protocol.js'
import { whenIdle } from './idle.js'
import { attach, evaluate } from './spawn.js'
import type { Supervisor } from './supervisor.js'

type Fn = (...args: any[]) => any

export class Standby {
  private next: Generation | null = null
  private preparing = false
  /** Generations made in idle time, and the event-loop time they took (read by the benchmark). */
  made = 0
  ms = 0

  constructor(private readonly sup: Supervisor) {}

  /** Schedules the next generation, unless one is held or being made, or none may be. */
  prepare(): void {
    const sup = this.sup
    if (!sup.spec.standby || sup.policyPoison || sup.policyRollback || this.next || this.preparing || !sup.module || !sup.syncAllowed()) return
    this.preparing = true
    whenIdle(() => {
      this.preparing = false
      if (this.next || sup.poisonReason || sup.pending || !sup.module) return
      const t0 = now()
      const g = sup.newGeneration()
      g.holdStart = true
      try {
        evaluate(sup, g)
        const ready = sup.spec.bind === 'self' ? undefined : attach(sup, g, true)
        const keep = () => {
          if (this.next || g.state !== GenState.Live) return g.kill()
          this.next = g
          this.made++
        }
        if (ready) ready.then(keep, () => g.kill())
        else keep()
      } catch {
        g.kill() // e.g. an abort in the glue body: the next recovery makes its own
      }
      this.ms += now() - t0
    })
  }

  /** The generation made ahead, if any: its start is still held (spawn.ts runs it). */
  take(): Generation | null {
    const g = this.next
    this.next = null
    return g
  }
}

/** Called as a generation binds its exports: while it is held, its `__wbindgen_start` is only recorded. */
export function holdStart(g: Generation, exports: Record<string, unknown>): void {
  const start = exports.__wbindgen_start
  if (!g.holdStart || typeof start !== 'function') return
  exports.__wbindgen_start = (...args: unknown[]) => {
    if (!g.holdStart) return (start as Fn)(...args)
    g.heldStart = () => (start as Fn)(...args)
  }
}
