// Shared by the rollback scenarios.
import { createHash } from 'node:crypto'
export { events, outcome, outcomeAsync, uncaught } from '../lib.mjs'

export const digest = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16)
