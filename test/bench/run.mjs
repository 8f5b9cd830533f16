// `npm run bench`: every figure measured in this one run, printed as a table and written to
// docs/benchmarks.md with the machine it ran on.
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import wasmRecovery from '@wasm-recovery/esbuild'
import * as esbuild from 'esbuild'
import { browserFigures } from './browser.mjs'
import { buildFigures } from './build.mjs'
import { report } from './report.mjs'
import { sizeFigures } from './size.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const test = resolve(here, '..')
const root = resolve(test, '..')
const out = join(test, '.out', 'bench')
const nm = (p) => join(test, 'node_modules', p)
const fx = (t, f = 'wr_fixture.js') => join(test, 'fixtures', 'wasm', 'abort', t, f)
rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })

// The runtime keeps its supervisors to itself (copies share only a capability-free channel): the
// bench's bundles get the emitted code's protocol entry through this shim, which also hands each
// supervisor to the bench (rollback.mjs reads a module's memory size from it). Its ES entry: the
// CommonJS one would put a CommonJS copy of the runtime into every ES bundle here.
const realInternal = fileURLToPath(import.meta.resolve('@wasm-recovery/runtime/internal'))
const shim = join(out, 'runtime-observed.mjs')
writeFileSync(shim, [
  `import { createSupervisor as create } from ${JSON.stringify(realInternal)}`,
  `export * from ${JSON.stringify(realInternal)}`,
  "export function createSupervisor(spec) { const s = create(spec); (globalThis[Symbol.for('wasm-recovery.bench')] ??= []).push(s); return s }",
  '',
].join('\n'))
const observe = {
  name: 'bench-observe-supervisors',
  setup(build) {
    build.onResolve({ filter: /^@wasm-recovery\/runtime\/internal$|[\\/]runtime[\\/]dist[\\/](cjs[\\/])?internal\.js$/ }, (args) => (args.importer === shim ? undefined : { path: shim }))
  },
}

/** The fixture's web glue in a folder of its own without its .wasm: the build knows none of its exports. */
function webGlueWithoutWasm() {
  const dir = join(out, 'web-without-wasm')
  mkdirSync(dir, { recursive: true })
  for (const f of ['wr_fixture.js', 'package.json']) copyFileSync(fx('web', f), join(dir, f))
  return join(dir, 'wr_fixture.js')
}

/**
 * The glue bundled with the plugin; `runtime` re-exports the bundle's own (single) runtime copy.
 * `options`: the plugin's options (e.g. `{ policy: 'rollback' }`); none gives the defaults.
 */
async function wrap(glue, name, format, options) {
  const ext = format === 'esm' ? 'mjs' : 'cjs'
  const entry = join(out, `${name}-entry.${ext}`)
  writeFileSync(
    entry,
    format === 'esm'
      ? `export * from ${JSON.stringify(glue)}\nexport * as runtime from '@wasm-recovery/runtime'\n`
      : `module.exports = Object.assign({}, require(${JSON.stringify(glue)}), { runtime: require('@wasm-recovery/runtime') })\n`,
  )
  await esbuild.build({
    entryPoints: { [name]: entry }, outdir: out, outExtension: { '.js': `.${ext}` }, bundle: true, platform: 'node', format,
    conditions: ['import'], logLevel: 'error', plugins: [observe, wasmRecovery(options)], nodePaths: [join(test, 'node_modules')],
  })
  return join(out, `${name}.${ext}`)
}

// BENCH_ONLY=rollback (comma-separated: percall, browser, recovery, memory, size, build, rollback) runs
// only those sections; the table then goes to test/.out/bench/benchmarks.md, not to docs/.
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : null
const want = (section) => !only || only.has(section)

function child(script, args) {
  const stdout = execFileSync(process.execPath, ['--expose-gc', join(here, script), ...args], { cwd: here, maxBuffer: 64 << 20, encoding: 'utf8' })
  return JSON.parse(stdout.split('\n').find((l) => l.startsWith('RESULT:')).slice(7))
}

const log = (s) => process.stderr.write(s + '\n')

let percall, browser, recovery, memory, size, build, rollback
if (want('percall')) {
log('per-call overhead …')
percall = child('percall.mjs', [
  fx('nodejs'), await wrap(fx('nodejs'), 'fixture', 'cjs'),
  nm('@silvia-odwyer/photon-node/photon_rs.js'), await wrap(nm('@silvia-odwyer/photon-node/photon_rs.js'), 'photon', 'cjs'),
  nm('tiktoken/tiktoken.cjs'), await wrap(nm('tiktoken/tiktoken.js'), 'tiktoken', 'esm'),
  // a copy of its own for the row after recoveries (its feedback has seen several generations)
  await wrap(fx('nodejs'), 'fixture-after', 'cjs'),
  // web glue whose .wasm the build cannot see (the app hands it over at run time), and that .wasm
  await wrap(webGlueWithoutWasm(), 'fixture-supplied', 'esm'), fx('web', 'wr_fixture_bg.wasm'),
  await wrap(fx('web'), 'fixture-web', 'esm'), fx('web'),
])
}

if (want('browser')) {
log('per-call overhead in Chromium …')
browser = await browserFigures(join(test, 'fixtures', 'wasm', 'abort', 'web'))
}

if (want('recovery')) {
log('recovery latency …')
recovery = child('recovery.mjs', [
  await wrap(fx('nodejs'), 'fixture-r', 'cjs'), fx('nodejs', 'wr_fixture_bg.wasm'),
  await wrap(nm('@automerge/automerge-wasm/nodejs/automerge_wasm.cjs'), 'automerge', 'cjs'), nm('@automerge/automerge-wasm/nodejs/automerge_wasm_bg.wasm'),
  await wrap(nm('tiktoken/tiktoken.js'), 'tiktoken-r', 'esm'), nm('tiktoken/tiktoken_bg.wasm'),
  await wrap(nm('@biomejs/wasm-web/biome_wasm.js'), 'biome', 'esm'), nm('@biomejs/wasm-web/biome_wasm_bg.wasm'),
  // the raw CommonJS glue, for the floor of a fresh glue state (its body re-run without us)
  fx('nodejs'), nm('@automerge/automerge-wasm/nodejs/automerge_wasm.cjs'),
])
}

if (want('memory')) {
log('memory over 10,000 cycles …')
memory = child('memory.mjs', [await wrap(fx('nodejs'), 'fixture-m', 'cjs'), '10000'])
}

if (want('rollback')) {
log('policy rollback: checkpoint cost, restore latency …')
// bundler target (ESM, top-level await); maxMemory over the largest size measured (64 MiB + a page)
const rb = (extra) => ({ policy: 'rollback', rollback: { maxMemory: 256 << 20, ...extra } })
const photon = nm('@silvia-odwyer/photon/photon_rs.js')
rollback = child('rollback.mjs', [
  await wrap(fx('bundler'), 'fixture-rb-default', 'esm'),
  await wrap(fx('bundler'), 'fixture-rb-call', 'esm', rb()),
  await wrap(fx('bundler'), 'fixture-rb-readonly', 'esm', rb({ readOnly: ['add'] })),
  await wrap(fx('bundler'), 'fixture-rb-restore', 'esm', rb()),
  await wrap(fx('bundler'), 'fixture-rb-reinit', 'esm'),
  fx('bundler', 'wr_fixture_bg.wasm'),
  await wrap(photon, 'photon-rb', 'esm', rb()),
  await wrap(photon, 'photon-rb-reinit', 'esm'),
  nm('@silvia-odwyer/photon/photon_rs_bg.wasm'),
])
}

if (want('size')) {
  log('bundle size …')
  size = await sizeFigures({ out, fixtureWeb: fx('web'), photonDir: nm('@silvia-odwyer/photon') })
}

if (want('build')) {
  log('build overhead …')
  build = await buildFigures({
    out,
    // each with its init and one export the app uses (as an app does: the rest is tree-shaken)
    deps: [[fx('web'), 'add'], [nm('@automerge/automerge-wasm/web/automerge_wasm.js'), 'create'], [nm('@ironcalc/wasm/wasm.js'), 'Model']],
    glues: [
      nm('@automerge/automerge-wasm/bundler/automerge_wasm_bg.js'), nm('@silvia-odwyer/photon/photon_rs_bg.js'),
      nm('@ironcalc/wasm/wasm.js'), nm('@swc/wasm/wasm.js'), nm('@biomejs/wasm-web/biome_wasm.js'), nm('tiktoken/tiktoken_bg.js'),
    ],
  })
}

const rows = report({ percall, browser, recovery, memory, size, build, rollback })
const cpu = cpus()[0]?.model ?? 'unknown CPU'
const head = [
  '# Benchmarks',
  '',
  `Measured by \`npm run bench\` in one run on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}. Machines are noisy (2 shared cores): read the ratios, which are paired round by round, rather than absolute times. The first table holds every target of issue 16 with this run's verdict; where a physical floor bounds a figure (a bare instantiation, a copy into never-touched pages) it is measured in the same run and shown beside it.`,
  '',
]
const md = [...head, ...rows, ''].join('\n')
if (only) {
  // a partial run: docs/benchmarks.md keeps the last full one
  writeFileSync(join(out, 'benchmarks.md'), md)
} else {
  mkdirSync(join(root, 'docs'), { recursive: true })
  writeFileSync(join(root, 'docs', 'benchmarks.md'), md)
}
console.log(md)
