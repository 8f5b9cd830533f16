/** Where the --import entry leaves the runtime for CommonJS glue (one copy: the ES module glue imports too). */
export const RUNTIME_KEY = 'wasm-recovery.runtime'
