const esbuild = require('esbuild')
const wasmRecovery = require('@wasm-recovery/esbuild')

esbuild.build({ entryPoints: ['src/index.js'], bundle: true, outdir: 'dist', platform: 'node', plugins: [wasmRecovery()] })
