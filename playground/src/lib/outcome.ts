// What one step of a demo did, as plain data (also posted from workers). No DOM here.

export interface ErrorInfo {
  /** `e.name`: WasmAbortError, WasmStaleObjectError, WasmUnavailableError, RuntimeError, Error, … */
  name: string
  message: string
  /** WasmUnavailableError: 'poisoned' | 'breaker' | 'recovering'. */
  reason?: string
  /** WasmAbortError: the Rust panic text, when the module printed one. */
  panicMessage?: string
  /** WasmAbortError: the export that trapped. */
  export?: string
  /** WasmAbortError: the original error's name (RuntimeError, RangeError, Error). */
  cause?: string
  /** The generation the typed error speaks of. */
  generation?: number
  /** WasmAbortError under policy 'rollback': `err.rollback`. */
  rollback?: boolean
}

export interface Outcome {
  /** The call, as code: `panic_now('boom')`. */
  label: string
  ok: boolean
  /** The value, shortened, when it returned. */
  value?: string
  error?: ErrorInfo
  /** A Promise that had not settled when we stopped waiting. */
  pending?: boolean
  /** Several calls summed up (the panic storm). */
  summary?: string
  ms: number
}

export interface Step {
  label: string
  run: () => unknown
  /** For Promises: stop waiting after this long and report `pending`. */
  timeoutMs?: number
  /** Shown instead of the raw value. */
  show?: (value: any) => string
}

export function errorInfo(e: unknown): ErrorInfo {
  if (e instanceof Error || (e !== null && typeof e === 'object' && 'name' in e)) {
    const x = e as Error & Record<string, any>
    const info: ErrorInfo = { name: String(x.name), message: String(x.message ?? '') }
    if (typeof x.reason === 'string') info.reason = x.reason
    if (typeof x.panicMessage === 'string') info.panicMessage = x.panicMessage
    if (typeof x.export === 'string') info.export = x.export
    if (x.cause instanceof Error) info.cause = x.cause.name
    if (typeof x.generation === 'number') info.generation = x.generation
    if (typeof x.rollback === 'boolean') info.rollback = x.rollback
    return info
  }
  return { name: typeof e, message: String(e) }
}

export function show(v: unknown): string {
  if (v === undefined) return 'undefined'
  if (typeof v === 'string') return JSON.stringify(v.length > 80 ? v.slice(0, 77) + '…' : v)
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' || v === null) return String(v)
  if (typeof v === 'function') return `ƒ ${v.name || 'anonymous'}`
  if (v instanceof Uint8Array) return `Uint8Array(${v.length})`
  try {
    const s = JSON.stringify(v)
    return s.length > 80 ? s.slice(0, 77) + '…' : s
  } catch {
    return Object.prototype.toString.call(v)
  }
}

const PENDING = Symbol('pending')
const now = () => performance.now()

/** Runs one step: its value, or its error, or `pending` when a Promise outlives `timeoutMs`. */
export async function run(step: Step): Promise<Outcome> {
  const t0 = now()
  try {
    let v = step.run()
    if (v instanceof Promise) {
      const p = v
      v = step.timeoutMs
        ? await Promise.race([p, new Promise((r) => setTimeout(() => r(PENDING), step.timeoutMs))])
        : await p
    }
    if (v === PENDING) return { label: step.label, ok: false, pending: true, ms: now() - t0 }
    return { label: step.label, ok: true, value: step.show ? step.show(v) : show(v), ms: now() - t0 }
  } catch (e) {
    return { label: step.label, ok: false, error: errorInfo(e), ms: now() - t0 }
  }
}

export interface ActionResult {
  /** Read before the trigger (rollback mode: the state the held objects must keep). */
  before?: Outcome[]
  trigger: Outcome
  steps: Outcome[]
  /** The module's state afterwards (recoveryStats), or 'unsupervised' without the plugin. */
  state: string
  generation?: number
}

/** Runs the `before` steps, the trigger, then each next step in order. */
export async function runAll(trigger: Step, steps: Step[], before: Step[] = []): Promise<{ before?: Outcome[]; trigger: Outcome; steps: Outcome[] }> {
  const pre: Outcome[] = []
  for (const s of before) pre.push(await run(s))
  const t = await run(trigger)
  const out: Outcome[] = []
  for (const s of steps) out.push(await run(s))
  return before.length ? { before: pre, trigger: t, steps: out } : { trigger: t, steps: out }
}

/**
 * A short fingerprint of bytes (cyrb53, 53 bits, and the length): equal bytes, equal digest. For
 * showing that pixels or a saved document are byte-identical before and after a call.
 */
export function digest(bytes: ArrayLike<number>): string {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]
    h1 = Math.imul(h1 ^ b, 2654435761)
    h2 = Math.imul(h2 ^ b, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  const n = 4294967296 * (2097151 & h2) + (h1 >>> 0)
  return `${bytes.length} bytes #${n.toString(16).padStart(14, '0')}`
}
