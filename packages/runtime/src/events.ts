export type RecoveryEventType = 'abort' | 'reinit' | 'poisoned'

export interface RecoveryEvent {
  type: RecoveryEventType
  module: string
  export?: string
  generation: number
  error?: Error
  durationMs?: number
}

export type RecoveryListener = (event: RecoveryEvent) => void

const listeners = new Set<RecoveryListener>()

/** Subscribe to abort / reinit / poisoned events of every supervised module. Returns the unsubscribe. */
export function onRecovery(listener: RecoveryListener): () => void {
  listeners.add(listener)
  return () => void listeners.delete(listener)
}

export function emit(event: RecoveryEvent): void {
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
