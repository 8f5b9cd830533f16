import { shared } from './events.js'
import type { ModuleState } from './supervisor.js'
import { Supervisor, type ModuleSpec } from './supervisor.js'

const supervisors = shared.supervisors as Supervisor[]

/** Called by the rewritten glue: one supervisor per glue module. */
export function createSupervisor(spec: ModuleSpec): Supervisor {
  const sup = new Supervisor(spec)
  supervisors.push(sup)
  return sup
}

export interface RecoveryStats {
  module: string
  state: ModuleState
  generation: number
  aborts: number
  reinits: number
  /** Policy 'rollback' only: aborts undone by restoring a checkpoint; checkpoints taken, and the time they took. */
  rollbacks?: number
  checkpoints?: number
  checkpointMs?: number
}

function find(module: string): Supervisor {
  // the newest of that name: a module re-evaluated (HMR, a second bundle) replaces the older one
  const sup = supervisors.findLast((s) => s.name === module)
  if (!sup) throw new Error(`wasm-recovery: no supervised module named "${module}" (known: ${supervisors.map((s) => s.name).join(', ') || 'none'})`)
  return sup
}

/** Stats of one module, or of every supervised module when none is named. */
export function recoveryStats(): RecoveryStats[]
export function recoveryStats(module: string): RecoveryStats
export function recoveryStats(module?: string): RecoveryStats | RecoveryStats[] {
  return module === undefined ? supervisors.map((s) => s.stats()) : find(module).stats()
}

/**
 * Resolves when every supervised module (or the one named) has its first instance: with the plugin's
 * `topLevelAwait: false`, exports work after `await ready()`.
 */
export async function ready(module?: string): Promise<void> {
  await Promise.all((module === undefined ? supervisors : [find(module)]).map((s) => s.ready))
}

/** Makes a fresh generation (also after `'poison'` or a tripped breaker); resolves when it is live. */
export async function resetModule(module: string): Promise<void> {
  return find(module).reset()
}

/**
 * Policy 'rollback': records the module's state now; the next abort returns to it. With
 * `rollback: { checkpoint: 'manual' }` the only checkpoints are these. Not inside a call of that module.
 */
export function checkpoint(module: string): void {
  find(module).checkpoint()
}
