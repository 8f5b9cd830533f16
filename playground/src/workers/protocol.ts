// Messages between the page and the fixture worker.
import type { RecoveryEvent } from '@wasm-recovery/runtime'
import type { Outcome } from '../lib/outcome'
import type { Fixture } from '../modules/types'
import { leakStep } from '../lib/leak'
import { runAll } from '../lib/outcome'

export type WorkerOp = 'panic' | 'mut' | 'add'

export interface WorkerStats {
  module: string
  state: string
  generation: number
  aborts: number
  reinits: number
  rollbacks?: number
}

export type FromWorker =
  | { type: 'ready'; stats: WorkerStats[] }
  | { type: 'load-error'; message: string }
  | { type: 'result'; id: number; before?: Outcome[]; trigger: Outcome; steps: Outcome[]; stats: WorkerStats[] }
  | { type: 'event'; event: EventFields }

/** What the event log shows of a recovery event (the page's own, or one a worker forwards). */
export interface EventFields {
  type: string
  module: string
  export?: string
  generation: number
  durationMs?: number
  bytes?: number
  reason?: string
  panicMessage?: string
}

export function eventFields(e: RecoveryEvent): EventFields {
  const { type, module, generation, durationMs, bytes, reason } = e
  return { type, module, export: e.export, generation, durationMs, bytes, reason, panicMessage: (e.error as { panicMessage?: string } | undefined)?.panicMessage }
}

export interface ToWorker {
  id: number
  op: WorkerOp
}

/**
 * The demos a worker runs on its own copy of the fixture. `rollback`: the glue has policy 'rollback', and
 * the counter is read before the trigger too (it must keep that value). `off`: no plugin; the panic demo
 * goes on panicking until the instance fails.
 */
export function scenario(fx: Fixture, op: WorkerOp, rollback = false, off = false) {
  if (op === 'panic')
    return runAll({ label: "panic_now('boom in a worker')", run: () => fx.panic_now('boom in a worker') }, [
      { label: 'add(2, 3)', run: () => fx.add(2, 3) },
      // unsupervised, the worker's instance carries on until its leaked shadow stack runs out
      ...(off ? [leakStep(fx)] : []),
    ])
  if (op === 'mut') {
    const c = new fx.Counter(41)
    if (rollback)
      return runAll(
        { label: 'counter.panic_in_mut()', run: () => c.panic_in_mut() },
        [
          { label: 'counter.value  // the counter you held', run: () => c.value },
          { label: 'counter.increment()', run: () => c.increment() },
          { label: 'new Counter(1).increment()', run: () => new fx.Counter(1).increment() },
        ],
        [{ label: 'counter.value', run: () => c.value }],
      )
    return runAll({ label: 'counter.panic_in_mut()', run: () => c.panic_in_mut() }, [
      { label: 'counter.value  // the counter you held', run: () => c.value },
      { label: 'new Counter(1).increment()', run: () => new fx.Counter(1).increment() },
    ])
  }
  return runAll({ label: 'add(2, 3)', run: () => fx.add(2, 3) }, [])
}
