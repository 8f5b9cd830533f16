// A user's Vitest set-up: the Vite adapter in the config, nothing else (test/vitest.test.ts runs it).
import { defineConfig } from 'vitest/config'
import wasmRecovery from '@wasm-recovery/vite'

export default defineConfig({ plugins: [wasmRecovery()], test: { include: ['*.spec.mjs'], environment: 'node' } })
