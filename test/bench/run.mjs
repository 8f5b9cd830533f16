// `npm run bench`: every figure measured in this one run, printed as a table and written to
// docs/benchmarks.md with the machine it ran on.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import wasmRecovery from '@wasm-recovery/esbuild'
import { unplugin } from '@wasm-recovery/unplugin'
import * as esbuild from 'esbuild'
import { build as viteBuild } from 'vite'
import viteRecovery from '@wasm-recovery/vite'
import { summary } from './measure.mjs'
import { browserFigures } from './browser.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const test = resolve(here, '..')
const root = resolve(test, '..')
const out = join(test, '.out', 'bench')
const nm = (p) => join(test, 'node_modules', p)
const fx = (t, f = 'wr_fixture.js') => join(test, 'fixtures', 'wasm', 'abort', t, f)
rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })

/** The glue bundled with the plugin; `runtime` re-exports the bundle's own (single) runtime copy. */
async function wrap(glue, name, format) {
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
    conditions: ['import'], logLevel: 'error', plugins: [wasmRecovery()], nodePaths: [join(test, 'node_modules')],
  })
  return join(out, `${name}.${ext}`)
}

function child(script, args) {
  const stdout = execFileSync(process.execPath, ['--expose-gc', join(here, script), ...args], { cwd: here, maxBuffer: 64 << 20, encoding: 'utf8' })
  return JSON.parse(stdout.split('\n').find((l) => l.startsWith('RESULT:')).slice(7))
}

const log = (s) => process.stderr.write(s + '\n')
const fmt = (s, d = 2) => `${s.median.toFixed(d)} (${s.p25.toFixed(d)}–${s.p75.toFixed(d)})`

log('per-call overhead …')
const percall = child('percall.mjs', [
  fx('nodejs'), await wrap(fx('nodejs'), 'fixture', 'cjs'),
  nm('@silvia-odwyer/photon-node/photon_rs.js'), await wrap(nm('@silvia-odwyer/photon-node/photon_rs.js'), 'photon', 'cjs'),
  nm('tiktoken/tiktoken.cjs'), await wrap(nm('tiktoken/tiktoken.js'), 'tiktoken', 'esm'),
])

log('per-call overhead in Chromium …')
const browser = await browserFigures(join(test, 'fixtures', 'wasm', 'abort', 'web'))

log('recovery latency …')
const recovery = child('recovery.mjs', [
  await wrap(fx('nodejs'), 'fixture-r', 'cjs'), fx('nodejs', 'wr_fixture_bg.wasm'),
  await wrap(nm('@automerge/automerge-wasm/nodejs/automerge_wasm.cjs'), 'automerge', 'cjs'), nm('@automerge/automerge-wasm/nodejs/automerge_wasm_bg.wasm'),
  await wrap(nm('tiktoken/tiktoken.js'), 'tiktoken-r', 'esm'), nm('tiktoken/tiktoken_bg.wasm'),
  await wrap(nm('@biomejs/wasm-web/biome_wasm.js'), 'biome', 'esm'), nm('@biomejs/wasm-web/biome_wasm_bg.wasm'),
])

log('memory over 10,000 cycles …')
const memory = child('memory.mjs', [await wrap(fx('nodejs'), 'fixture-m', 'cjs'), '10000'])

log('bundle size …')
async function minGz(entry, plugins) {
  const r = await esbuild.build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, plugins, logLevel: 'error', outdir: out })
  const js = r.outputFiles.filter((f) => f.path.endsWith('.js')).map((f) => f.text).join('')
  return { min: js.length, gz: gzipSync(js).length }
}
writeFileSync(join(out, 'size-entry.mjs'), `import init, { add } from ${JSON.stringify(fx('web'))}\nawait init(); console.log(add(1, 2))`)
writeFileSync(join(out, 'runtime-entry.mjs'), `export * from '@wasm-recovery/runtime'`)
const sizeRaw = await minGz(join(out, 'size-entry.mjs'), [])
const sizeWrapped = await minGz(join(out, 'size-entry.mjs'), [wasmRecovery({ wasm: 'asset' })])
const runtimeAlone = await minGz(join(out, 'runtime-entry.mjs'), [])

log('build overhead …')
const app = join(out, 'vite-app')
mkdirSync(app, { recursive: true })
writeFileSync(join(app, 'index.html'), '<script type="module" src="./main.js"></script>')
writeFileSync(join(app, 'main.js'), [
  `import a from ${JSON.stringify(fx('web'))}`,
  `import b from ${JSON.stringify(nm('@automerge/automerge-wasm/web/automerge_wasm.js'))}`,
  `import c from ${JSON.stringify(nm('@ironcalc/wasm/wasm.js'))}`,
  'await Promise.all([a(), b(), c()])',
].join('\n'))
async function timeVite(plugins) {
  const t = performance.now()
  await viteBuild({ root: app, logLevel: 'silent', configFile: false, plugins, build: { outDir: join(app, 'dist'), emptyOutDir: true, target: 'esnext' } })
  return performance.now() - t
}
const withP = []
const withoutP = []
for (let i = 0; i < 7; i++) {
  const order = i % 2 ? [true, false] : [false, true]
  for (const p of order) (p ? withP : withoutP).push(await timeVite(p ? [viteRecovery()] : []))
}
const buildRatio = summary(withP.slice(1).map((v, i) => v / withoutP.slice(1)[i]))

const plugin = unplugin.raw(undefined, { framework: 'rollup' })
const ctx = { warn() {}, emitFile: () => 'ref' }
const glues = [
  nm('@automerge/automerge-wasm/bundler/automerge_wasm_bg.js'), nm('@silvia-odwyer/photon/photon_rs_bg.js'),
  nm('@ironcalc/wasm/wasm.js'), nm('@swc/wasm/wasm.js'), nm('@biomejs/wasm-web/biome_wasm.js'), nm('tiktoken/tiktoken_bg.js'),
]
const perKb = []
for (const g of glues) {
  const code = readFileSync(g, 'utf8')
  for (let i = 0; i < 3; i++) plugin.transform.handler.call(ctx, code, g)
  const t = performance.now()
  for (let i = 0; i < 10; i++) plugin.transform.handler.call(ctx, code, g)
  perKb.push((performance.now() - t) / 10 / (code.length / 102_400))
}

// ---- report ----
const rows = []
rows.push('## 1. Per-call overhead (ns per call; ratio to raw glue, median (p25–p75) of 21 paired rounds)', '')
rows.push('| call | raw ns | wrapped ns | wrapped ÷ raw | Proxy ÷ raw | target |', '|---|---|---|---|---|---|')
for (const [name, r] of Object.entries(percall)) {
  const target = name.startsWith('trivial') ? '≤ 1.10×' : '≤ 1.01×'
  rows.push(`| ${name} | ${fmt(r.raw.ns, 1)} | ${fmt(r.wrapped.ns, 1)} | **${fmt(r.wrapped.ratio, 3)}** | ${fmt(r.proxy.ratio, 2)} | ${target} |`)
}
rows.push('', `### In Chromium ${browser.version} (headless, Debian build; own fixture, web target)`, '')
rows.push('| call | raw ns | wrapped ns | wrapped ÷ raw | Proxy ÷ raw | target |', '|---|---|---|---|---|---|')
for (const [name, r] of Object.entries(browser.percall)) {
  rows.push(`| ${name} | ${fmt(r.raw.ns, 1)} | ${fmt(r.wrapped.ns, 1)} | **${fmt(r.wrapped.ratio, 3)}** | ${fmt(r.proxy.ratio, 2)} | ≤ 1.10× |`)
}
rows.push('', `Recovery in Chromium (own fixture, 100 aborts, reinit event durationMs; the browser clock is coarsened to 0.1 ms): ${fmt(browser.reinit, 2)} ms.`)
rows.push('', '## 2. Recovery latency (ms; abort → fresh generation live)', '')
rows.push('| module | .wasm | our reinit | bare `new Instance` (floor) | reinit ÷ floor | recompile from bytes | abort + next call, end to end |', '|---|---|---|---|---|---|---|')
for (const r of recovery) {
  rows.push(`| ${r.name} | ${(r.size / 1e6).toFixed(2)} MB | ${fmt(r.reinit, 3)} | ${fmt(r.bare, 3)} | **${(r.reinit.median / r.bare.median).toFixed(2)}×** | ${fmt(r.recompile, 2)} | ${fmt(r.endToEnd, 2)} |`)
}
rows.push('', 'Target ≤ 1.10× the floor. "our reinit" re-runs the glue body, instantiates with guarded imports, binds and runs the module\'s start function; the floor does only the instantiation (with stub imports, no start).')
rows.push('', '## 3. Build overhead', '')
rows.push(`- \`vite build\` of an app with three wasm-bindgen deps (own fixture, automerge, ironcalc; web targets), with ÷ without the plugin: **${fmt(buildRatio, 3)}** (6 paired runs; with: ${summary(withP.slice(1)).median.toFixed(0)} ms, without: ${summary(withoutP.slice(1)).median.toFixed(0)} ms). Target ≤ 1.10×.`)
rows.push(`- Transform time per glue file: **${summary(perKb).median.toFixed(2)} ms / 100 KB** (median over ${glues.length} corpus glue files; p25–p75 ${summary(perKb).p25.toFixed(2)}–${summary(perKb).p75.toFixed(2)}).`)
rows.push('', '## 4. Bytes added to a production bundle (esbuild, minified)', '')
rows.push(`- Own fixture, web target: without the plugin ${sizeRaw.min} B min / ${sizeRaw.gz} B gzip; with it ${sizeWrapped.min} B / ${sizeWrapped.gz} B: **+${sizeWrapped.gz - sizeRaw.gz} B min+gzip** (runtime, factory wrapper and facades). Target ≤ 3 KB.`)
rows.push(`- The runtime alone, every export: ${runtimeAlone.min} B min, **${runtimeAlone.gz} B min+gzip**.`)
rows.push('', '## 5. Memory after 10,000 abort → reinit cycles (own fixture, Node, after GC)', '')
const mb = (b) => (b / 1048576).toFixed(1)
rows.push(`- RSS ${mb(memory.before.rss)} MB → ${mb(memory.after.rss)} MB (**${(memory.after.rss - memory.before.rss) / 1048576 >= 0 ? '+' : ''}${mb(memory.after.rss - memory.before.rss)} MB**); ArrayBuffers incl. wasm memories ${mb(memory.before.arrayBuffers)} → ${mb(memory.after.arrayBuffers)} MB; JS heap ${mb(memory.before.heapUsed)} → ${mb(memory.after.heapUsed)} MB. ${memory.cycles} cycles took ${(memory.ms / 1000).toFixed(1)} s (${(memory.ms / memory.cycles).toFixed(3)} ms per abort + reinit + call). Target: flat, ≤ +5 MB.`)

const cpu = cpus()[0]?.model ?? 'unknown CPU'
const head = [
  '# Benchmarks',
  '',
  `Measured by \`npm run bench\` in one run on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}. Machines are noisy (2 shared cores): read the ratios, which are paired round by round, rather than absolute times.`,
  '',
]
const md = [...head, ...rows, ''].join('\n')
mkdirSync(join(root, 'docs'), { recursive: true })
writeFileSync(join(root, 'docs', 'benchmarks.md'), md)
console.log(md)
