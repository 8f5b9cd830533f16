// Whether any wasm frame is on the JS stack right now. Under the lazy policies (abort-flow.ts) the emitted
// entries count no depth, so an abort is settled where it is caught only when no frame of an instance is
// left to unwind (a call nested in an import's callback is not the outermost); asked on the abort path
// only, never per call (~10 µs for a shallow stack).
type CallSite = { isWasm?: () => boolean; getFileName(): string | null }

/** How V8, SpiderMonkey and JavaScriptCore all name a wasm frame in a stack's text. */
const WASM_FRAME = 'wasm-function['
const text = (): boolean => String(new Error().stack).includes(WASM_FRAME)

export function wasmOnStack(): boolean {
  const E = Error as ErrorConstructor & { captureStackTrace?: (o: object) => void; prepareStackTrace?: unknown }
  const limit = E.stackTraceLimit
  E.stackTraceLimit = Infinity
  try {
    if (!E.captureStackTrace) return text()
    // V8: the call sites themselves, no stack text formatted
    const prepare = E.prepareStackTrace
    E.prepareStackTrace = (_: unknown, sites: CallSite[]) => sites
    const o: { stack?: CallSite[] } = {}
    try {
      E.captureStackTrace(o)
    } finally {
      E.prepareStackTrace = prepare
    }
    // a host that formats stacks itself (source-map support, a test runner) may hand back text
    const sites = o.stack as unknown
    if (!Array.isArray(sites)) return typeof sites === 'string' ? sites.includes(WASM_FRAME) : text()
    return sites.some((c: CallSite) => c.isWasm?.() ?? String(c.getFileName()).startsWith('wasm'))
  } finally {
    E.stackTraceLimit = limit
  }
}
