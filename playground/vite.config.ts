import { defineConfig } from 'vite'
import wasmRecovery from '@wasm-recovery/vite'
import { carryQuery } from './policy-query.ts'
import { plainWasm } from './plain-wasm.ts'

/**
 * The page's "plugin off" half (`?plugin=off`, src/modules/off.ts) imports the same packages with this
 * query: the plugin leaves those modules untouched, as if it were not installed.
 */
export const PLUGIN_OFF = /[?&]plugin=off$/

/**
 * The page's rollback half (`?policy=rollback`, src/modules/rollback.ts) imports the same packages with
 * this query; the `policy` function below gives their glue policy 'rollback' (the plain imports keep the
 * default, 'reinit'). carryQuery() hands the query on from a bundler-target entry to its `_bg.js` glue.
 */
export const POLICY_ROLLBACK = /[?&]policy=rollback(?:&|$)/

const policy = (_module: string, id: string) => (POLICY_ROLLBACK.test(id) ? 'rollback' : 'reinit')
const carry = () => carryQuery('policy=rollback', POLICY_ROLLBACK)
// plugin off: photon's entry hands the query on to its glue, whose .wasm a plain loader instantiates
const off = () => [carryQuery('plugin=off', PLUGIN_OFF), plainWasm('plugin=off', PLUGIN_OFF)]

export default defineConfig({
  plugins: [carry(), ...off(), wasmRecovery({ exclude: PLUGIN_OFF, policy })],
  // worker bundles have their own plugin list (wasmRecovery() adds itself to it)
  worker: { format: 'es', plugins: () => [carry()] },
  build: {
    target: 'es2022',
    // biome_wasm_bg.wasm is 35 MB; it is meant to be
    chunkSizeWarningLimit: 4096,
    assetsInlineLimit: (file) => (file.endsWith('.wasm') ? false : undefined),
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
})
