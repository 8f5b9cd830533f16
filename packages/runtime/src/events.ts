/**
 * `rollback`: policy 'rollback' restored the state from before the failed call (objects stay valid);
 * `rollback-failed`: it could not (`reason`), a `reinit` follows.
 */
export type RecoveryEventType = 'abort' | 'reinit' | 'poisoned' | 'rollback' | 'rollback-failed'

export interface RecoveryEvent {
  type: RecoveryEventType
  module: string
  /** When a page holds several copies of the module name: which one (`'wr_fixture#2'`), as in `recoveryStats`. */
  id?: string
  copy?: number
  export?: string
  generation: number
  /** From another copy of the runtime: a copy of the error's public fields, without its `cause`. */
  error?: Error
  durationMs?: number
  /** `rollback`: bytes of linear memory restored. */
  bytes?: number
  /** `rollback-failed`: why. */
  reason?: string
}

export type RecoveryListener = (event: RecoveryEvent) => void

// private to this copy of the runtime: other copies and other scripts reach it only through deliver()
const listeners = new Set<RecoveryListener>()

/** Subscribe to abort / reinit / poisoned events of every supervised module. Returns the unsubscribe. */
export function onRecovery(listener: RecoveryListener): () => void {
  listeners.add(listener)
  return () => void listeners.delete(listener)
}

/** Hands an event to this copy's listeners only. */
export function deliver(event: RecoveryEvent): void {
  for (const l of listeners) {
    // a faulty listener must not break recovery; report it outside our stack
    try {
      l(event)
    } catch (e) {
      queueMicrotask(() => {
        throw e
      })
    }
  }
}

/** Who emits: the registry stamps the copy and relays the event to the other copies (see registry.ts). */
export interface EventSource {
  readonly key: number
}

let relay: (event: RecoveryEvent, from?: EventSource) => void = (event) => deliver(event)

/** Set once by the registry. */
export function setRelay(r: typeof relay): void {
  relay = r
}

/** Called by the supervisor and by rollback.ts, `from` being the supervisor (its copy goes into the event). */
export function emit(event: RecoveryEvent, from?: EventSource): void {
  relay(event, from)
}
