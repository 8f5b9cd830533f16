import { defineConfig } from 'vite'
import wasmRecovery from '@wasm-recovery/vite'

/**
 * The page's "plugin off" half (`?plugin=off`, src/modules/off.ts) imports the same packages with this
 * query: the plugin leaves those modules untouched, as if it were not installed.
 */
export const PLUGIN_OFF = /[?&]plugin=off$/

export default defineConfig({
  plugins: [wasmRecovery({ exclude: PLUGIN_OFF })],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // biome_wasm_bg.wasm is 35 MB; it is meant to be
    chunkSizeWarningLimit: 4096,
    assetsInlineLimit: (file) => (file.endsWith('.wasm') ? false : undefined),
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
})
