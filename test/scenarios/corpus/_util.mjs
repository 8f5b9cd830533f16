// Helpers for the corpus scenarios.
import { stats } from '../lib.mjs'

/** recoveryStats(module), or null when nothing supervises it (the unwrapped package). */
export function statsOf(module) {
  try {
    return stats(module)
  } catch {
    return null
  }
}
