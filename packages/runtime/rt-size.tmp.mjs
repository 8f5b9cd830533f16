import * as esbuild from 'esbuild'
import { gzipSync } from 'node:zlib'
const entry = process.argv[2] || "export { createSupervisor } from './src/internal.ts'"
const r = await esbuild.build({ stdin: { contents: entry, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, metafile: true })
const code = r.outputFiles[0].text
console.log('total', code.length, 'gz', gzipSync(code).length)
const ins = Object.values(r.metafile.outputs)[0].inputs
for (const [k, v] of Object.entries(ins).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)) console.log(String(v.bytesInOutput).padStart(6), k)
const counts = {}
for (const m of code.matchAll(/\.([A-Za-z_$][\w$]{2,})/g)) counts[m[1]] = (counts[m[1]] || 0) + 1
const rows = Object.entries(counts).map(([k, n]) => [k, n, n * k.length]).sort((a, b) => b[2] - a[2])
console.log(rows.slice(0, 70).map(r => r.join(':')).join(' '))
console.log('sum prop bytes', rows.reduce((s, r) => s + r[2], 0))
const strs = [...code.matchAll(/(["'`])((?:(?!\1)[^\\]|\\.)*)\1/g)].map(m => m[2])
console.log('string bytes', strs.reduce((s, x) => s + x.length, 0), strs.filter(s => s.length > 30).length)
