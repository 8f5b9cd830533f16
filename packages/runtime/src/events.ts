/**
 * `rollback`: policy 'rollback' restored the state from before the failed call (objects stay valid);
 * `rollback-failed`: it could not (`reason`), a `reinit` follows.
 */
export type RecoveryEventType = 'abort' | 'reinit' | 'poisoned' | 'rollback' | 'rollback-failed'

export interface RecoveryEvent {
  type: RecoveryEventType
  module: string
  export?: string
  generation: number
  error?: Error
  durationMs?: number
  /** `rollback`: bytes of linear memory restored. */
  bytes?: number
  /** `rollback-failed`: why. */
  reason?: string
}

export type RecoveryListener = (event: RecoveryEvent) => void

/**
 * Shared by every copy of the runtime in a page (a dependency pre-bundled separately, two bundles on one
 * page), so that one `onRecovery` sees every module.
 */
export const shared: { listeners: Set<RecoveryListener>; supervisors: unknown[] } = ((globalThis as any)[
  Symbol.for('wasm-recovery.shared')
] ??= { listeners: new Set(), supervisors: [] })
const listeners = shared.listeners

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
