import { detectGlue } from './dist/detect/glue.js'
import { rewriteGlue } from './dist/rewrite/factory.js'
import { readFileSync, writeFileSync } from 'node:fs'
const f = process.argv[2]
const g = detectGlue(f, readFileSync(f, 'utf8'))
const out = rewriteGlue(readFileSync(f, 'utf8'), f, g, { runtimeId: 'rt', source: 'src', policy: 'reinit', rollback: { checkpoint: 'call', maxMemory: 1, escalateAfter: 2, readOnly: [] }, maxConsecutiveAborts: 20, moduleName: 'wr', mark: '//mark', topLevelAwait: true })
writeFileSync('/tmp/out.js', out.code)
