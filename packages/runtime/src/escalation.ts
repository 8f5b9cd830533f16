import { emit } from './events.js'
import type { Generation } from './generation.js'
import type { Supervisor } from './supervisor.js'

/**
 * Policy 'rollback' escalates to 'reinit' when restoring leads straight back to an abort.
 *
 * A rollback undoes the failing call only: the calls before it, which brought an object into a state
 * whose next call aborts (automerge: `isolate` + `put`, then `commit` panics), stay. Rolling back again
 * and again keeps that state alive, and the app's own recovery (a stale object → rebuild it from
 * storage) never runs. So: the same object aborting again after rollbacks restored it, `escalateAfter`
 * times with no successful call of the failing method on it between, gets a fresh instance instead.
 *
 * Counted per object (the receiver of the failing method): a free function, or a new object per request
 * that aborts in the same place, is an input the app sends again, not a doomed state, and a rollback
 * serves it. Other calls on the object may succeed between (`put` does, here): they build on the state.
 */
export class Escalation {
  /** Rollbacks in a row per object, the failing method's name, and the detector armed on the object. */
  private readonly counts = new WeakMap<object, { n: number; key: string; disarm: () => void }>()

  constructor(private readonly sup: Supervisor, private readonly after: number) {}

  /**
   * The abort of generation `g` (in `self`'s method when given): true when it is to be rolled back, false
   * (with the event saying why) when the module is to reinitialise instead.
   */
  allows(g: Generation, self: object | undefined): boolean {
    if (!self || this.after <= 0) return true
    const c = this.counts.get(self)
    if (!c || c.n < this.after) return true
    const label = g.abortError?.export
    emit({
      type: 'rollback-failed',
      module: this.sup.name,
      export: label,
      generation: g.id,
      reason:
        `escalated to 'reinit': ${label} aborted on the same object again after ${c.n} rollback${c.n === 1 ? '' : 's'} ` +
        `in a row restored it (rollback.escalateAfter: ${this.after}); restoring leads back to the abort, so a fresh instance replaces it`,
    })
    this.clear(self)
    return false
  }

  /** A rollback of `self`'s failing method succeeded: one more in a row, until that method succeeds on it. */
  rolledBack(g: Generation, self: object | undefined): void {
    if (!self || this.after <= 0) return
    const key = methodOf(g.abortError?.export)
    const c = this.counts.get(self)
    if (c && c.key === key) {
      c.n++
      return
    }
    c?.disarm()
    this.counts.set(self, { n: 1, key, disarm: this.arm(self, key) })
  }

  private clear(self: object): void {
    this.counts.get(self)?.disarm()
    this.counts.delete(self)
  }

  /**
   * Sees the next successful call of `key` on `self` (an own property over its prototype's method, so
   * nothing else pays for it); removed then, or when the count ends. Returns the removal.
   */
  private arm(self: object, key: string): () => void {
    const proto = Object.getPrototypeOf(self)
    const d = proto && key ? Object.getOwnPropertyDescriptor(proto, key) : undefined
    if (!d || typeof d.value !== 'function' || Object.prototype.hasOwnProperty.call(self, key)) return () => {}
    const method = d.value as (...args: unknown[]) => unknown
    const esc = this
    const disarm = () => {
      // the object may have been retired by a rollback (its prototype swapped): the own property goes anyway
      if ((self as any)[key] === watched) delete (self as any)[key]
    }
    const watched = function (this: object, ...args: unknown[]) {
      // the prototype's method of now: a reinit or a retirement may have changed it since
      const r = (Object.getPrototypeOf(self)[key] as typeof method).apply(this, args)
      if (esc.counts.get(self)?.key === key) esc.clear(self)
      return r
    }
    try {
      Object.defineProperty(self, key, { value: watched, configurable: true, writable: true, enumerable: false })
    } catch {
      return () => {} // a frozen object: counted without the detector
    }
    return disarm
  }
}

/** `Class.method` → `method`; a free function's label → '' (no receiver to watch). */
function methodOf(label: string | undefined): string {
  const i = label ? label.indexOf('.') : -1
  return i < 0 ? '' : label!.slice(i + 1)
}
