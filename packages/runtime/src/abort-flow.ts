// What follows an abort, decided once the failing call has unwound: the breaker, the event, then a
// rollback (policy 'rollback', unless escalation says the restored state aborts again), a poisoned module
// (policy 'poison') or a fresh generation. The Supervisor owns the state; this file, the order.
import type { UnavailableReason, WasmAbortError } from './errors.js'
import { emit } from './events.js'
import type { Generation } from './generation.js'
import type { Supervisor } from './supervisor.js'

/**
 * Called by a generation the moment it traps. Under every policy but 'rollback' the emitted entries do
 * not count their depth (each count cost ~2 ns per call): the guard that catches the abort with no wasm
 * frame left on the stack settles it (Supervisor.fail, wasm-frames.ts); one no guard of ours sees (a
 * closure the app calls, a finalizer) is settled by the next entry or a microtask, whichever comes first.
 */
export function aborted(sup: Supervisor, g: Generation, err: WasmAbortError): void {
  sup.aborts++
  sup.streak++
  const max = sup.spec.maxConsecutiveAborts ?? 20
  if (sup.lazy) {
    // one slot, not a closure per abort: a synchronous loop of aborts must not keep their instances alive
    sup.unsettled = g
    if (!sup.settleQueued) (sup.settleQueued = true), queueMicrotask(() => settleQueued(sup))
  } else if (sup.depth === 0 && !g.detached) {
    // nothing of ours is on the stack (a closure called by the app, a finalizer, a microtask)
    report(sup, g, err)
    queueMicrotask(() => afterAbort(sup, g))
  }
  if (max > 0 && sup.streak >= max) poison(sup, 'breaker', g)
}

/** Its abort is history: later entries into it are stale, and the microtask's slot keeps no dead instance (its memory) alive. */
export function release(sup: Supervisor, g: Generation): void {
  g.inflight = null
  if (sup.unsettled === g) sup.unsettled = null
}

function settleQueued(sup: Supervisor): void {
  sup.settleQueued = false
  if (sup.unsettled) catchUp(sup, sup.unsettled)
}

/** Lazy: an abort not settled yet is settled now, and a fresh generation made (no frame of it is on the stack). */
export function catchUp(sup: Supervisor, g: Generation): void {
  if (!g.inflight) return release(sup, g)
  // a guard's catch reported it with its export's name already, unless no guard of ours saw it
  report(sup, g, g.abortError!)
  afterAbort(sup, g)
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
  if (!settle(sup, g, self)) return
  try {
    sup.reinit()
  } catch {
    // a fresh generation that aborts in its own start was counted; the next call retries or meets the breaker
  }
}

/**
 * Lazy policies: an abort whose microtask has not run yet settles now (the next entry, a look at the
 * stats), its event first. False when no fresh generation is due.
 */
export function settlePending(sup: Supervisor, g: Generation): boolean {
  if (!sup.lazy || !g.inflight) return true
  report(sup, g, g.abortError!)
  return settle(sup, g)
}

/**
 * Everything an abort settles before a fresh generation: a rollback (which ends it), the dead
 * generation's Promises, a poisoned module. True when a fresh generation is due.
 */
export function settle(sup: Supervisor, g: Generation, self?: object): boolean {
  release(sup, g)
  const err = g.abortError
  const epoch = g.ckpt?.epoch ?? 0
  // `self`: the receiver of the failing method, for the escalation's count
  if (g === sup.current && !sup.poisonReason && !sup.policyPoison && g.ckpt && sup.escalation!.allows(g, self) && g.ckpt.recover(g)) {
    // the Promises begun since the checkpoint have no future in the restored state
    g.settleWaiters(err, epoch)
    sup.escalation!.rolledBack(g, self)
    return false
  }
  g.settleWaiters(err)
  if (g !== sup.current || sup.poisonReason) return false
  if (sup.policyPoison) {
    poison(sup, 'poisoned', g)
    return false
  }
  return true
}
