// Work taken off the call path: rollback's next spare (spare.ts) and reinit's next generation (standby.ts).

/**
 * Runs `job` once nothing more urgent is queued: `scheduler.postTask` at background priority (Chromium),
 * `requestIdleCallback` (browsers), else a timer (Node, Deno, workerd) that does not keep Node alive.
 */
export function whenIdle(job: () => void): void {
  const g = globalThis as any
  if (typeof g.scheduler?.postTask === 'function') {
    g.scheduler.postTask(job, { priority: 'background' }).catch(() => {})
  } else if (typeof g.requestIdleCallback === 'function') {
    g.requestIdleCallback(job, { timeout: 1000 })
  } else {
    const t = setTimeout(job, 0) as any
    t?.unref?.()
  }
}
