import { unplugin, type Options } from '@wasm-recovery/unplugin'

export type { Options }
/** The wasm-recovery plugin for webpack: `plugins: [wasmRecovery()]`. */
export const wasmRecovery: typeof unplugin.webpack = unplugin.webpack
export default wasmRecovery
