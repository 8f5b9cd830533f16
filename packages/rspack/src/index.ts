import { unplugin, type Options } from '@wasm-recovery/unplugin'

export type { Options }
/** The wasm-recovery plugin for Rspack: `plugins: [wasmRecovery()]`. */
export const wasmRecovery: typeof unplugin.rspack = unplugin.rspack
export default wasmRecovery
