import { unplugin, type Options } from '@wasm-recovery/unplugin'

export type { Options }
/** The wasm-recovery plugin for rollup. */
export const wasmRecovery: typeof unplugin.rollup = unplugin.rollup
export default wasmRecovery
