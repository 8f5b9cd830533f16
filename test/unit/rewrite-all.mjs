// Rewrites the fixture's glue of every target under every policy and prints the results as JSON. Run by
// emitted-code.test.ts in a plain Node process: the wrapper templates are printed from their compiled
// source (Function.prototype.toString), which must be the package's own, not a test runner's transform of it.
import { readFileSync } from 'node:fs'
import { detectGlue, rewriteGlue } from '@wasm-recovery/unplugin'

const [fixtures, ...targets] = process.argv.slice(2)
const out = {}
for (const target of targets) {
  // the bundler target's glue is its _bg.js (wr_fixture.js only imports the .wasm and re-exports it)
  const file = `${fixtures}/abort/${target}/wr_fixture${target === 'bundler' ? '_bg' : ''}.js`
  const code = readFileSync(file, 'utf8')
  for (const policy of ['reinit', 'poison', 'rollback']) {
    const glue = detectGlue(file, code)
    if (glue?.kind !== 'glue') throw new Error(`${file}: ${glue?.message ?? 'not glue'}`)
    const before = JSON.stringify(glue.exports)
    const { code: rewritten } = rewriteGlue(code, 'wr_fixture.js', glue, {
      runtimeId: '@wasm-recovery/runtime/internal',
      source: '__wbr_rt.inlineWasm("AGFzbQ")',
      policy,
      rollback: { checkpoint: 'call', maxMemory: 64 << 20, readOnly: [] },
      maxConsecutiveAborts: 20,
      moduleName: 'wr_fixture',
      mark: '/* wasm-recovery */',
      topLevelAwait: true,
    })
    // rewriteGlue is pure: the detection result it was given is unchanged
    out[`${target}.${policy}`] = { code: rewritten, pure: JSON.stringify(glue.exports) === before }
  }
}
console.log(JSON.stringify(out))
