// The module state as the runtime reports it, or 'unsupervised' when no supervisor knows the module.
import { recoveryStats, type RecoveryStats } from '@wasm-recovery/runtime'

export function statsOf(module: string): RecoveryStats | undefined {
  try {
    return recoveryStats(module)
  } catch {
    return undefined
  }
}

export function stateOf(module: string): { state: string; generation?: number } {
  const s = statsOf(module)
  return s ? { state: s.state, generation: s.generation } : { state: 'unsupervised' }
}
