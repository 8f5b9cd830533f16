import type { ModuleState } from './supervisor.js'
import { Supervisor, type ModuleSpec } from './supervisor.js'

const supervisors: Supervisor[] = []

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
}

function find(module: string): Supervisor {
  const sup = supervisors.find((s) => s.name === module)
  if (!sup) throw new Error(`wasm-recovery: no supervised module named "${module}" (known: ${supervisors.map((s) => s.name).join(', ') || 'none'})`)
  return sup
}

/** Stats of one module, or of every supervised module when none is named. */
export function recoveryStats(): RecoveryStats[]
export function recoveryStats(module: string): RecoveryStats
export function recoveryStats(module?: string): RecoveryStats | RecoveryStats[] {
  return module === undefined ? supervisors.filter((s) => s.current).map((s) => s.stats()) : find(module).stats()
}

/** Makes a fresh generation (also after `'poison'` or a tripped breaker); resolves when it is live. */
export async function resetModule(module: string): Promise<void> {
  return find(module).reset()
}
