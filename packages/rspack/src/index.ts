import type { RspackPluginInstance } from '@rspack/core'
import { unplugin } from '@wasm-recovery/unplugin'
import type { Options } from '@wasm-recovery/unplugin/options'

export type { Options }
/** The wasm-recovery plugin for Rspack: `plugins: [wasmRecovery()]`. */
export const wasmRecovery: (options?: Options) => RspackPluginInstance = unplugin.rspack
export default wasmRecovery
