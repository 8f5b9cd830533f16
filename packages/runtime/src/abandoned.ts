/**
 * Promises of async exports when their generation dies. Without the plugin such a Promise never settles
 * (the aborted instance never polls its future again), so an app that did not wait for it never hears of
 * it. With the plugin it rejects with the abort — for whoever waits for a failure: `await`, `.catch()`,
 * a `.then()` with a rejection handler, `Promise.all`. A Promise nobody handles, or a chain of success-only
 * `.then()`s, stays silent as before instead of surfacing as an unhandled rejection.
 */
export function abandonable<T>(make: (abort: (e: unknown) => void, resolve: (v: T) => void, reject: (e: unknown) => void) => void): Promise<T> {
  let aborted: unknown
  let isAborted = false
  let p: Promise<T> | undefined
  p = new Promise<T>((resolve, reject) =>
    make(
      (e) => {
        isAborted = true
        aborted = e
        // the Promise itself counts as handled; awaiting callers still get the rejection (an abort
        // inside `make`, the generation already dead, comes before `p` exists: handled just below)
        p?.catch(() => {})
        reject(e)
      },
      resolve,
      reject,
    ),
  )
  if (isAborted) p.catch(() => {})
  const then = p.then
  Object.defineProperty(p, 'then', {
    configurable: true,
    writable: true,
    value(this: Promise<T>, onFulfilled?: unknown, onRejected?: unknown) {
      // a success-only handler: the abort does not travel down its chain (that chain never settles, as without us)
      const onR = typeof onRejected === 'function' ? onRejected : (e: unknown) => (isAborted && e === aborted ? new Promise(() => {}) : Promise.reject(e))
      return then.call(this, onFulfilled as any, onR as any)
    },
  })
  return p
}
