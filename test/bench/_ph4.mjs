import { minGz } from './size.mjs'
import wasmRecovery from '@wasm-recovery/esbuild'
const w = await minGz('/tmp/ph-entry.mjs', { plugin: wasmRecovery({ wasm: 'asset' }), outdir: '/tmp/phout' })
console.log(w.min, w.gz)
