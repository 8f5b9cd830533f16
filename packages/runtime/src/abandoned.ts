/**
 * Promises of async exports when their generation dies. Without the plugin such a Promise never settles
 * (the aborted instance never polls its future again), so an app that did not wait for it never hears of
 * it. With the plugin it rejects with the abort — for whoever waits for a failure: `await`, `.catch()`,
 * a `.then()` with a rejection handler, `Promise.all`, also at the end of a chain of success-only
 * `.then()`s (`await transform(x).then((r) => r.code)`). A Promise nobody handles, or such a chain
 * nobody waits for, stays silent as before instead of surfacing as an unhandled rejection.
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
  return silentChain(p, (e) => isAborted && e === aborted)
}

/**
 * A success-only `.then()` passes the abort on to the Promise it returns, marked handled at that moment
 * (so only a later `await` / `.catch()` of it sees the rejection), and that Promise does the same.
 * Other rejections (a success handler that throws) are the app's, unmarked.
 */
function silentChain<T>(p: Promise<T>, isTheAbort: (e: unknown) => boolean): Promise<T> {
  const then = p.then
  Object.defineProperty(p, 'then', {
    configurable: true,
    writable: true,
    value(this: Promise<T>, onFulfilled?: unknown, onRejected?: unknown) {
      if (typeof onRejected === 'function') return then.call(this, onFulfilled as any, onRejected as any)
      const next: Promise<unknown> = then.call(this, onFulfilled as any, (e: unknown) => {
        if (isTheAbort(e)) next.catch(() => {})
        throw e
      })
      return silentChain(next, isTheAbort)
    },
  })
  return p
}
