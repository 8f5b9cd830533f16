import * as esbuild from 'esbuild'
import { gzipSync } from 'node:zlib'
import { writeFileSync } from 'node:fs'
writeFileSync('/tmp/rtentry.mjs', `import { createSupervisor } from '/tmp/rt/internal.ts'\nglobalThis.rt = { createSupervisor }\n`)
const r = await esbuild.build({ entryPoints: ['/tmp/rtentry.mjs'], bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, outdir: '/tmp/szout', logLevel: 'error' })
const js = r.outputFiles[0].text
console.log(process.argv[2] ?? '', js.length, gzipSync(js).length)
