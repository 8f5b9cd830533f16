/** The three typed errors. `.name` equals the class name so checks work across bundle copies. */

export interface AbortDetails {
  module: string
  export?: string
  generation: number
  panicMessage?: string
  cause: unknown
}

/** A call trapped (Rust panic under panic=abort, OOM abort, stack overflow, …). */
export class WasmAbortError extends Error {
  override name = 'WasmAbortError'
  module: string
  export: string | undefined
  generation: number
  panicMessage: string | undefined
  declare cause: unknown

  constructor(d: AbortDetails) {
    super(abortMessage(d), { cause: d.cause })
    this.module = d.module
    this.export = d.export
    this.generation = d.generation
    this.panicMessage = d.panicMessage
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
  const why = d.panicMessage ?? (d.cause instanceof Error ? d.cause.message : String(d.cause))
  return `${where} aborted in generation ${d.generation}: ${why}. The instance was discarded; the next call uses a fresh one.`
}

/** An object made by a generation that has since been replaced. */
export class WasmStaleObjectError extends Error {
  override name = 'WasmStaleObjectError'
  module: string
  export: string | undefined
  generation: number

  constructor(module: string, exportName: string | undefined, generation: number) {
    super(
      `${module}${exportName ? `.${exportName}` : ''}: this object belongs to generation ${generation}, ` +
        'which aborted and was replaced. Create a new object.',
    )
    this.module = module
    this.export = exportName
    this.generation = generation
  }
}

export type UnavailableReason = 'poisoned' | 'breaker' | 'recovering'

/** The module takes no calls now. */
export class WasmUnavailableError extends Error {
  override name = 'WasmUnavailableError'
  module: string
  reason: UnavailableReason

  constructor(module: string, reason: UnavailableReason) {
    super(`${module} takes no calls: ${REASONS[reason]}`)
    this.module = module
    this.reason = reason
  }
}

const REASONS: Record<UnavailableReason, string> = {
  poisoned: "it aborted under policy 'poison'. Call resetModule() to start over.",
  breaker: 'the circuit breaker tripped after repeated aborts with no successful call. Call resetModule() to start over.',
  recovering: 'a fresh instance is being prepared. Retry shortly or await resetModule().',
}
