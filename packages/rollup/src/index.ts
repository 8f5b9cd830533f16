import type { Plugin } from 'rollup'
import { unplugin } from '@wasm-recovery/unplugin'
import type { Options } from '@wasm-recovery/unplugin/options'

export type { Options }
/** The wasm-recovery plugin for rollup. */
export const wasmRecovery: (options?: Options) => Plugin | Plugin[] = unplugin.rollup
export default wasmRecovery
