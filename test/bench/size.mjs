// Bytes a production bundle gains (esbuild, minified, browser, ESM; the JS only, the .wasm excluded):
// the fixture with every export, photon tree-shaken to two imports, and the runtime by feature.
import { readFileSync, writeFileSync } from 'node:fs'
import { join, sep } from 'node:path'
import { gzipSync } from 'node:zlib'
import * as esbuild from 'esbuild'
import wasmRecovery from '@wasm-recovery/esbuild'
import { keptWrappers } from './treeshake.mjs'

/** `external`: for the build without the plugin (photon's `import * as wasm from './….wasm'` stays an import). */
export async function minGz(entry, { plugin, external = [], outdir }) {
  const r = await esbuild.build({
    entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, metafile: true,
    plugins: plugin ? [plugin] : [], external: plugin ? [] : external, logLevel: 'error', outdir,
  })
  const js = r.outputFiles.filter((f) => /\.m?js$/.test(f.path)).map((f) => f.text).join('')
  const inputs = Object.values(r.metafile.outputs).flatMap((o) => Object.entries(o.inputs))
  return { min: Buffer.byteLength(js), gz: gzipSync(js).length, code: js, inputs }
}

/** What the app imports from the runtime, by feature: each row adds one to the core the glue always uses. */
// the protocol entry's names (the rest is the user entry's), read from the entry itself
const INTERNAL = new Set(Object.keys(await import('@wasm-recovery/runtime/internal')))
const FEATURES = [
  ['core: createSupervisor (every rewritten glue)', ['createSupervisor']],
  ['+ wasm sources: inlineWasm, assetWasm, moduleWasm', ['createSupervisor', 'inlineWasm', 'assetWasm', 'moduleWasm']],
  ['+ rollback: Checkpoint, Escalation', ['createSupervisor', 'Checkpoint', 'Escalation']],
  ['+ web init: WebInit (web-target glue)', ['createSupervisor', 'WebInit']],
  ['+ events: onRecovery', ['createSupervisor', 'onRecovery']],
  ['+ stats and control: recoveryStats, resetModule, ready, checkpoint', ['createSupervisor', 'recoveryStats', 'resetModule', 'ready', 'checkpoint']],
  ['+ errors: WasmAbortError, …, isWasmAbort', ['createSupervisor', 'WasmAbortError', 'WasmStaleObjectError', 'WasmUnavailableError', 'isWasmAbort']],
]

export async function sizeFigures({ out, fixtureWeb, photonDir }) {
  const outdir = join(out, 'size')
  const plugin = () => wasmRecovery({ wasm: 'asset' })

  const fixtureEntry = join(out, 'size-fixture.mjs')
  writeFileSync(fixtureEntry, `import init, * as fixture from ${JSON.stringify(fixtureWeb)}\nawait init()\nglobalThis.fixture = fixture // every export stays\n`)
  const fixture = { without: await minGz(fixtureEntry, { outdir }), with: await minGz(fixtureEntry, { plugin: plugin(), outdir }) }
  // the runtime's share of the fixture bundle, per source file (minified bytes esbuild attributes to it)
  const runtimeFiles = fixture.with.inputs
    .filter(([p]) => p.includes(`${sep}runtime${sep}dist${sep}`) || p.includes('/runtime/dist/'))
    .map(([p, i]) => ({ file: p.slice(p.lastIndexOf('dist/') + 5), bytes: i.bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes)

  const photonEntry = join(out, 'size-photon.mjs')
  const photonApp = [
    `import { crop, PhotonImage } from ${JSON.stringify(join(photonDir, 'photon_rs.js'))}`,
    'const img = new PhotonImage(new Uint8Array(4 * 4 * 4).fill(200), 4, 4)',
    'const part = crop(img, 0, 0, 2, 2)',
    'console.log(part.get_width(), part.get_height())',
  ]
  writeFileSync(photonEntry, [...photonApp, ''].join('\n'))
  const glue = join(photonDir, 'photon_rs_bg.js')
  const imported = ['crop', 'PhotonImage']
  // the same app with what any loader that runs it keeps: the glue's functions the .wasm imports (an
  // external `.wasm` import lets esbuild drop them, so the plain build above cannot run)
  const runsEntry = join(out, 'size-photon-runs.mjs')
  const wasmImports = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(join(photonDir, 'photon_rs_bg.wasm'))))
  writeFileSync(runsEntry, [
    ...photonApp,
    `import * as bg from ${JSON.stringify(glue)}`,
    `globalThis.wasmImports = { ${wasmImports.filter((i) => i.module === './photon_rs_bg.js').map((i) => `${i.name}: bg.${i.name}`).join(', ')} }`,
    '',
  ].join('\n'))
  const photon = {
    without: await minGz(photonEntry, { outdir, external: ['*.wasm'] }),
    withoutRuns: await minGz(runsEntry, { outdir, external: ['*.wasm'] }),
    with: await minGz(photonEntry, { plugin: plugin(), outdir }),
  }
  photon.keptWithout = keptWrappers(glue, imported, photon.without.code)
  photon.keptWith = keptWrappers(glue, imported, photon.with.code)

  const features = []
  for (const [name, names] of FEATURES) {
    const entry = join(out, `size-runtime-${features.length}.mjs`)
    // the emitted code's protocol lives in the internal entry, the user API in the main one
    const internal = names.filter((n) => INTERNAL.has(n))
    const user = names.filter((n) => !INTERNAL.has(n))
    writeFileSync(entry, [
      `import { ${internal.join(', ')} } from '@wasm-recovery/runtime/internal'`,
      user.length ? `import { ${user.join(', ')} } from '@wasm-recovery/runtime'` : '',
      `globalThis.rt = { ${names.join(', ')} }`,
      '',
    ].join('\n'))
    features.push({ name, ...(await minGz(entry, { outdir })) })
  }
  const allEntry = join(out, 'size-runtime-all.mjs')
  writeFileSync(allEntry, `import * as rt from '@wasm-recovery/runtime'\nimport * as internal from '@wasm-recovery/runtime/internal'\nglobalThis.rt = { ...rt, ...internal }\n`)
  features.push({ name: 'every export', ...(await minGz(allEntry, { outdir })) })
  for (const f of features) delete f.code
  for (const side of [fixture, photon]) for (const k of ['with', 'without', 'withoutRuns']) delete side[k]?.code
  return { fixture, photon, features, runtimeFiles }
}
