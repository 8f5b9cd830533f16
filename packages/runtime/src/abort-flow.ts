// What follows an abort, decided once the failing call has unwound: the breaker, the event, then a
// rollback (policy 'rollback', unless escalation says the restored state aborts again), a poisoned module
// (policy 'poison') or a fresh generation. The Supervisor owns the state; this file, the order.
import type { UnavailableReason, WasmAbortError } from './errors.js'
import { emit } from './events.js'
import type { Generation } from './generation.js'
import type { Supervisor } from './supervisor.js'

/** Called by a generation the moment it traps. */
export function aborted(sup: Supervisor, g: Generation, err: WasmAbortError): void {
  sup.aborts++
  sup.streak++
  const max = sup.spec.maxConsecutiveAborts ?? 20
  if (sup.depth === 0 && !g.detached) {
    // nothing of ours is on the stack (a closure called by the app, a finalizer, a microtask)
    report(sup, g, err)
    queueMicrotask(() => afterAbort(sup, g))
  }
  if (max > 0 && sup.streak >= max) poison(sup, 'breaker', g)
}

export function report(sup: Supervisor, g: Generation, err: WasmAbortError): void {
  if (!g.reportOnce()) return
  emit({ type: 'abort', module: sup.name, export: err.export, generation: g.id, error: err }, sup)
  // the breaker tripped on this abort: its event follows the abort's
  if (sup.poisonReason && g === sup.poisonedBy) emit({ type: 'poisoned', module: sup.name, generation: g.id }, sup)
}

function poison(sup: Supervisor, reason: UnavailableReason, g: Generation): void {
  if (sup.poisonReason) return
  sup.poisonReason = reason
  sup.poisonedBy = g
  if (g.reported) emit({ type: 'poisoned', module: sup.name, generation: g.id }, sup)
}

/** The outermost guard saw the abort: recover now that no frame of the dead instance is on the stack. */
export function afterAbort(sup: Supervisor, g: Generation, self?: object): void {
  g.inflight = null
  const err = g.abortError
  const epoch = g.ckpt?.epoch ?? 0
  // `self`: the receiver of the failing method, for the escalation's count
  if (g === sup.current && !sup.poisonReason && !sup.policyPoison && g.ckpt && sup.escalation!.allows(g, self) && g.ckpt.recover(g)) {
    // the Promises begun since the checkpoint have no future in the restored state
    g.settleWaiters(err, epoch)
    return sup.escalation!.rolledBack(g, self)
  }
  g.settleWaiters(err)
  if (g !== sup.current || sup.poisonReason) return
  if (sup.policyPoison) return poison(sup, 'poisoned', g)
  try {
    sup.reinit()
  } catch {
    // a fresh generation that aborts in its own start was counted; the next call retries or meets the breaker
  }
}
