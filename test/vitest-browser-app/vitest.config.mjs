// A user's Vitest browser-mode set-up: the Vite adapter, Vitest's Playwright provider on Debian's Chromium.
import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vitest/config'
import wasmRecovery from '@wasm-recovery/vite'

export default defineConfig({
  plugins: [wasmRecovery()],
  test: {
    include: ['*.spec.mjs'],
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({ launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] } }),
      instances: [{ browser: 'chromium' }],
    },
  },
})
