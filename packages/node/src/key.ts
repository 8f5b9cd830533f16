/** Where the --import entry leaves the runtime for CommonJS glue (one copy: the ES module glue imports too). */
export const RUNTIME_KEY = 'wasm-recovery.runtime'

/** What the hooks thread reports to the main thread. */
export type HookMessage = { kind: 'warn'; code: string; message: string } | { kind: 'debug'; message: string }
