// The web target's initialisation: the app calls the glue's `init()` / `initSync()` once; the first
// generation was evaluated at load, and recoveries call the same init again for each new generation.
import type { Supervisor } from './supervisor.js'

/** A generation's init entry: the glue's own (exported or not, see the rewrite), else its exports'. */
export function initOf(ns: Record<string, any>, sync: boolean): ((arg: unknown) => unknown) | undefined {
  const f = sync ? (ns.__wbr_initSync ?? ns.initSync) : (ns.__wbr_init ?? ns.default)
  return typeof f === 'function' ? f : undefined
}

/** The app's side of a web-target module's init: once, whatever the app calls how often. */
export class WebInit {
  private promise: Promise<void> | null = null
  /** Only `init` modules start uninitialised. */
  initialized: boolean

  constructor(private readonly sup: Supervisor) {
    this.initialized = sup.spec.bind !== 'init'
  }

  /**
   * The app's `init(arg)`; our own loaded module when it passes nothing. Resolves to the live
   * generation's exports, and holds none itself: a dead generation must stay collectable.
   */
  init(arg: unknown): Promise<unknown> {
    const sup = this.sup
    const spec = sup.spec
    // a package's wrapper answers a second call itself (resvg refuses it): its state is the live generation's
    if (this.promise && spec.initWrapper) return this.promise.then(() => this.run(() => initOf(sup.current.ns, false)!(arg)))
    let result: unknown
    this.promise ??= (async () => {
      if (arg === undefined && spec.source) {
        const m = await spec.source.load()
        arg = spec.initObjectArgs ? { module_or_path: m } : m
      }
      result = await this.run(() => initOf(sup.current.ns, false)!(arg))
      this.initialized = true
    })()
    return this.promise.then(() => (spec.initWrapper ? result : sup.current.exports))
  }

  /** The app's `initSync(arg)`. */
  initSync(arg: unknown): unknown {
    const sup = this.sup
    if (this.initialized) return sup.current.exports
    if (arg === undefined && sup.spec.source?.loadSync) {
      const m = sup.spec.source.loadSync()
      arg = sup.spec.initObjectArgs ? { module: m } : m
    }
    this.run(() => initOf(sup.current.ns, true)!(arg))
    this.initialized = true
    this.promise = Promise.resolve()
    return sup.current.exports
  }

  private run<T>(f: () => T): T {
    const sup = this.sup
    const g = sup.current
    sup.depth++
    try {
      return f()
    } catch (e) {
      throw sup.fail(g, e, 'init', [])
    } finally {
      sup.depth--
    }
  }
}
