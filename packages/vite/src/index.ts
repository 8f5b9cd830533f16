import { unplugin, type Options } from '@wasm-recovery/unplugin'

export type { Options }
/** The wasm-recovery plugin for vite. */
export const wasmRecovery: typeof unplugin.vite = unplugin.vite
export default wasmRecovery
