/** Milliseconds for durations in events and stats: `performance.now()` where the host has it. */
export const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now())
