// Messages between the page and the fixture worker.
import type { Outcome } from '../lib/outcome'
import type { Fixture } from '../modules/types'
import { runAll } from '../lib/outcome'

export type WorkerOp = 'panic' | 'mut' | 'add'

export interface WorkerStats {
  module: string
  state: string
  generation: number
  aborts: number
  reinits: number
}

export type FromWorker =
  | { type: 'ready'; stats: WorkerStats[] }
  | { type: 'load-error'; message: string }
  | { type: 'result'; id: number; trigger: Outcome; steps: Outcome[]; stats: WorkerStats[] }
  | { type: 'event'; event: { type: string; module: string; export?: string; generation: number; durationMs?: number; panicMessage?: string } }

export interface ToWorker {
  id: number
  op: WorkerOp
}

/** The demos a worker runs on its own copy of the fixture. */
export function scenario(fx: Fixture, op: WorkerOp) {
  if (op === 'panic')
    return runAll({ label: "panic_now('boom in a worker')", run: () => fx.panic_now('boom in a worker') }, [
      { label: 'add(2, 3)', run: () => fx.add(2, 3) },
    ])
  if (op === 'mut') {
    const c = new fx.Counter(41)
    return runAll({ label: 'counter.panic_in_mut()', run: () => c.panic_in_mut() }, [
      { label: 'counter.value  // the counter you held', run: () => c.value },
      { label: 'new Counter(1).increment()', run: () => new fx.Counter(1).increment() },
    ])
  }
  return runAll({ label: 'add(2, 3)', run: () => fx.add(2, 3) }, [])
}
