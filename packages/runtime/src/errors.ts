/** The three typed errors. `.name` equals the class name so checks work across bundle copies. */

/**
 * Each error carries its class's name under this key, so that `instanceof` holds for an error of another
 * copy of the runtime too: a CommonJS app's own copy beside the ES one the glue imports, another bundle.
 */
const BRAND = Symbol.for('wasm-recovery.error')
const brand = (e: Error, name: string) => Object.defineProperty(e, BRAND, { value: name })

/**
 * `instanceof` of the three never throws: the guards test every thrown value with it, and a revoked
 * Proxy (or one whose `getPrototypeOf` throws) must reach the app as it was thrown. The brand is read as
 * an own data property: no getter of the app runs.
 */
function hasInstance(c: Function, o: unknown, name: string | undefined): boolean {
  try {
    if (Function.prototype[Symbol.hasInstance].call(c, o)) return true
    return name !== undefined && typeof o === 'object' && o !== null && Object.getOwnPropertyDescriptor(o, BRAND)?.value === name
  } catch {
    return false
  }
}

export interface AbortDetails {
  module: string
  export?: string
  generation: number
  panicMessage?: string
  cause: unknown
  /** Policy 'rollback': the state from before the call is restored rather than discarded. */
  rollback?: boolean
}

/** A call trapped (Rust panic under panic=abort, OOM abort, stack overflow, …). */
export class WasmAbortError extends Error {
  override name = 'WasmAbortError'
  static override [Symbol.hasInstance](o: unknown): boolean {
    return hasInstance(this, o, this === WasmAbortError ? 'WasmAbortError' : undefined)
  }
  module: string
  export: string | undefined
  generation: number
  panicMessage: string | undefined
  declare cause: unknown
  /** Whether the state is restored (policy rollback) rather than discarded. */
  readonly rollback: boolean | undefined

  constructor(d: AbortDetails) {
    super(abortMessage(d), { cause: d.cause })
    brand(this, 'WasmAbortError')
    this.module = d.module
    this.export = d.export
    this.generation = d.generation
    this.panicMessage = d.panicMessage
    this.rollback = d.rollback
  }

  /** The export is known only once the outermost guard sees the error. */
  setExport(name: string): void {
    if (this.export !== undefined) return
    this.export = name
    this.message = abortMessage(this)
  }
}

function abortMessage(d: AbortDetails): string {
  const where = d.export ? `${d.module}.${d.export}` : d.module
  const why = d.panicMessage ?? causeText(d.cause)
  const after = d.rollback
    ? 'Its state from before the call is restored into a fresh instance; objects stay valid.'
    : 'The instance was discarded; the next call uses a fresh one.'
  return `${where} aborted in generation ${d.generation}: ${why}. ${after}`
}

/** The cause may come from another realm (not `instanceof Error` here) or have a hostile `message`. */
function causeText(c: unknown): string {
  try {
    const m = (c as Error | null)?.message
    return typeof m === 'string' ? m : String(c)
  } catch {
    return 'unknown error'
  }
}

/** An object made by a generation that has since been replaced. */
export class WasmStaleObjectError extends Error {
  override name = 'WasmStaleObjectError'
  static override [Symbol.hasInstance](o: unknown): boolean {
    return hasInstance(this, o, this === WasmStaleObjectError ? 'WasmStaleObjectError' : undefined)
  }
  module: string
  export: string | undefined
  generation: number

  /**
   * `rolledBack`: the object was made after the checkpoint its generation returned to (policy 'rollback').
   * `cause`: the abort that ended its generation, so that a package which catches the abort and then calls
   * into its dead object (automerge's `change()` rolls its handle back) still lets the app see it.
   */
  constructor(module: string, exportName: string | undefined, generation: number, rolledBack = false, cause?: unknown) {
    super(
      `${module}${exportName ? `.${exportName}` : ''}: ` +
        (rolledBack
          ? `this object was made after the checkpoint that generation ${generation} was rolled back to, so it no longer exists. Create a new object.`
          : `this object belongs to generation ${generation}, which aborted and was replaced. Create a new object.`),
      cause === undefined ? undefined : { cause },
    )
    brand(this, 'WasmStaleObjectError')
    this.module = module
    this.export = exportName
    this.generation = generation
  }
}

export type UnavailableReason = 'poisoned' | 'breaker' | 'recovering'

/** The module takes no calls now. */
export class WasmUnavailableError extends Error {
  override name = 'WasmUnavailableError'
  static override [Symbol.hasInstance](o: unknown): boolean {
    return hasInstance(this, o, this === WasmUnavailableError ? 'WasmUnavailableError' : undefined)
  }
  module: string
  reason: UnavailableReason

  constructor(module: string, reason: UnavailableReason) {
    super(`${module} takes no calls: ${REASONS[reason]}`)
    brand(this, 'WasmUnavailableError')
    this.module = module
    this.reason = reason
  }
}

const REASONS: Record<UnavailableReason, string> = {
  poisoned: "it aborted under policy 'poison'. Call resetModule() to start over.",
  breaker: 'the circuit breaker tripped after repeated aborts with no successful call. Call resetModule() to start over.',
  recovering: 'its instance is being prepared (the first one, or a fresh one after an abort). Await ready() before the call, or retry shortly.',
}
