import { unplugin, type Options } from '@wasm-recovery/unplugin'

export type { Options }
/** The wasm-recovery plugin for esbuild. */
export const wasmRecovery: typeof unplugin.esbuild = unplugin.esbuild
export default wasmRecovery
