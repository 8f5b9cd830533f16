import { defineConfig } from 'vite'
import wasmRecovery from '@wasm-recovery/vite'

export default defineConfig({
  plugins: [wasmRecovery()],
})
