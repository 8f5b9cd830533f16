import type { WebpackPluginInstance } from 'webpack'
import { unplugin } from '@wasm-recovery/unplugin'
import type { Options } from '@wasm-recovery/unplugin/options'

export type { Options }
/** The wasm-recovery plugin for webpack: `plugins: [wasmRecovery()]`. */
export const wasmRecovery: (options?: Options) => WebpackPluginInstance = unplugin.webpack
export default wasmRecovery
