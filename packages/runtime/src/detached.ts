import { WasmAbortError } from './errors.js'
import type { Generation } from './generation.js'
import type { Supervisor } from './supervisor.js'

/**
 * Policy 'rollback': an entry into the instance with no call of the app on the stack. The futures
 * executor's poll (run from the microtask the glue queued, see context.ts) is a transaction of its own, so
 * that an abort in it can return to the last checkpoint when only the async call it belongs to follows that
 * (see Generation.detachedRollback). Other such entries (closures called by timers, events or promise
 * reactions, finalizers) run as before: an abort in them reinitialises.
 */
export function detachedEntry<T>(sup: Supervisor, g: Generation, call: () => T): T {
  if (!g.polling) {
    try {
      return call()
    } catch (e) {
      throw g.trap(e)
    }
  }
  // depth stays 0: a call of the app made from inside the poll is an outermost call, with its own checkpoint
  g.touched = true
  g.detached = true
  try {
    return call()
  } catch (e) {
    // `call` is the raw export: its trap is typed here; no export of the app's failed (`export` unset).
    // Anything else (an exception through its frames) passes as without a transaction.
    const x = g.trap(e)
    throw x instanceof WasmAbortError && x === g.abortError && g.inflight ? sup.fail(g, x, '', []) : x
  } finally {
    g.detached = false
  }
}

/** The generation an argument belongs to; an argument that throws on a read (a revoked Proxy) has none. */
export function ownerOf(sup: Supervisor, a: unknown): Generation | undefined {
  if (a === null || typeof a !== 'object') return undefined
  try {
    return (a as any)[sup.genKey] as Generation | undefined
  } catch {
    return undefined
  }
}
