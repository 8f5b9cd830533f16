const wasmRecovery = require('@wasm-recovery/vite')

module.exports = { plugins: [wasmRecovery()], build: { outDir: 'dist-cjs' } }
