// An engine without WebAssembly (JIT-less: Safari's Lockdown Mode, the reason packages such as
// @bitwarden/sdk-internal ship a wasm2js fallback): an app that looks before it initialises still loads
// with the plugin. Before, the runtime read `WebAssembly` as it loaded: "ReferenceError: WebAssembly is
// not defined".
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { bundle, runNode, writeEntry, TEST_DIR, type Bundler } from './helpers/bundle.js'
import { fixtureGlue } from './helpers/fixture.js'

it.each(['esbuild', 'rollup'] as Bundler[])('%s: the app loads, and takes its own fallback', async (bundler) => {
  const entry = writeEntry(
    'no-webassembly',
    `import ${JSON.stringify(join(TEST_DIR, 'scenarios', 'no-webassembly', 'remove.mjs'))}
import init, { add } from ${JSON.stringify(fixtureGlue('abort', 'web'))}
let sum = 'fallback'
if (typeof WebAssembly === 'object') { await init(); sum = add(1, 2) }
console.log('RESULT:' + JSON.stringify({ sum }))
`,
  )
  const b = await bundle(bundler, `no-webassembly-${bundler}`, entry, { format: 'esm', plugin: {} })
  const r = await runNode(b.file)
  expect(r.result, r.stderr.slice(-2000)).toEqual({ sum: 'fallback' })
})
