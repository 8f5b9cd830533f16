import type { Plugin } from 'esbuild'
import { unplugin } from '@wasm-recovery/unplugin'
import type { Options } from '@wasm-recovery/unplugin/options'

export type { Options }
/** The wasm-recovery plugin for esbuild. */
export const wasmRecovery: (options?: Options) => Plugin = unplugin.esbuild
export default wasmRecovery
