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
    conditions: ['import'], logLevel: 'error', plugins: [wasmRecovery(options)], nodePaths: [join(test, 'node_modules')],
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
const fmt = (s, d = 2) => `${s.median.toFixed(d)} (${s.p25.toFixed(d)}–${s.p75.toFixed(d)})`

let percall, browser, recovery, memory, sizeRaw, sizeWrapped, runtimeAlone, buildRatio, withP, withoutP, perKb, glues, rollback
if (want('percall')) {
log('per-call overhead …')
percall = child('percall.mjs', [
  fx('nodejs'), await wrap(fx('nodejs'), 'fixture', 'cjs'),
  nm('@silvia-odwyer/photon-node/photon_rs.js'), await wrap(nm('@silvia-odwyer/photon-node/photon_rs.js'), 'photon', 'cjs'),
  nm('tiktoken/tiktoken.cjs'), await wrap(nm('tiktoken/tiktoken.js'), 'tiktoken', 'esm'),
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

async function minGz(entry, plugins) {
  const r = await esbuild.build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, plugins, logLevel: 'error', outdir: out })
  const js = r.outputFiles.filter((f) => f.path.endsWith('.js')).map((f) => f.text).join('')
  return { min: js.length, gz: gzipSync(js).length }
}
if (want('size')) {
log('bundle size …')
writeFileSync(join(out, 'size-entry.mjs'), `import init, { add } from ${JSON.stringify(fx('web'))}\nawait init(); console.log(add(1, 2))`)
writeFileSync(join(out, 'runtime-entry.mjs'), `export * from '@wasm-recovery/runtime'`)
sizeRaw = await minGz(join(out, 'size-entry.mjs'), [])
sizeWrapped = await minGz(join(out, 'size-entry.mjs'), [wasmRecovery({ wasm: 'asset' })])
runtimeAlone = await minGz(join(out, 'runtime-entry.mjs'), [])
}

if (want('build')) {
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
withP = []
withoutP = []
for (let i = 0; i < 7; i++) {
  const order = i % 2 ? [true, false] : [false, true]
  for (const p of order) (p ? withP : withoutP).push(await timeVite(p ? [viteRecovery()] : []))
}
buildRatio = summary(withP.slice(1).map((v, i) => v / withoutP.slice(1)[i]))

const plugin = unplugin.raw(undefined, { framework: 'rollup' })
const ctx = { warn() {}, emitFile: () => 'ref' }
glues = [
  nm('@automerge/automerge-wasm/bundler/automerge_wasm_bg.js'), nm('@silvia-odwyer/photon/photon_rs_bg.js'),
  nm('@ironcalc/wasm/wasm.js'), nm('@swc/wasm/wasm.js'), nm('@biomejs/wasm-web/biome_wasm.js'), nm('tiktoken/tiktoken_bg.js'),
]
perKb = []
for (const g of glues) {
  const code = readFileSync(g, 'utf8')
  for (let i = 0; i < 3; i++) plugin.transform.handler.call(ctx, code, g)
  const t = performance.now()
  for (let i = 0; i < 10; i++) plugin.transform.handler.call(ctx, code, g)
  perKb.push((performance.now() - t) / 10 / (code.length / 102_400))
}
}

// ---- report ----
const rows = []
if (percall) {
rows.push('## 1. Per-call overhead (ns per call; ratio to raw glue, median (p25–p75) of 21 paired rounds)', '')
rows.push('| call | raw ns | wrapped ns | wrapped ÷ raw | Proxy ÷ raw | target |', '|---|---|---|---|---|---|')
for (const [name, r] of Object.entries(percall)) {
  const target = name.startsWith('trivial') ? '≤ 1.10×' : '≤ 1.01×'
  rows.push(`| ${name} | ${fmt(r.raw.ns, 1)} | ${fmt(r.wrapped.ns, 1)} | **${fmt(r.wrapped.ratio, 3)}** | ${fmt(r.proxy.ratio, 2)} | ${target} |`)
}
}
if (browser) {
rows.push('', `### In Chromium ${browser.version} (headless, Debian build; own fixture, web target)`, '')
rows.push('| call | raw ns | wrapped ns | wrapped ÷ raw | Proxy ÷ raw | target |', '|---|---|---|---|---|---|')
for (const [name, r] of Object.entries(browser.percall)) {
  rows.push(`| ${name} | ${fmt(r.raw.ns, 1)} | ${fmt(r.wrapped.ns, 1)} | **${fmt(r.wrapped.ratio, 3)}** | ${fmt(r.proxy.ratio, 2)} | ≤ 1.10× |`)
}
rows.push('', `Recovery in Chromium (own fixture, 100 aborts, reinit event durationMs; the browser clock is coarsened to 0.1 ms): ${fmt(browser.reinit, 2)} ms.`)
}
if (recovery) {
rows.push('', '## 2. Recovery latency (ms; abort → fresh generation live)', '')
rows.push('| module | .wasm | our reinit | bare `new Instance` (floor) | reinit ÷ floor | recompile from bytes | abort + next call, end to end |', '|---|---|---|---|---|---|---|')
for (const r of recovery) {
  rows.push(`| ${r.name} | ${(r.size / 1e6).toFixed(2)} MB | ${fmt(r.reinit, 3)} | ${fmt(r.bare, 3)} | **${(r.reinit.median / r.bare.median).toFixed(2)}×** | ${fmt(r.recompile, 2)} | ${fmt(r.endToEnd, 2)} |`)
}
rows.push('', 'Target ≤ 1.10× the floor. "our reinit" re-runs the glue body, instantiates with guarded imports, binds and runs the module\'s start function; the floor does only the instantiation (with stub imports, no start).')
}
if (buildRatio) {
rows.push('', '## 3. Build overhead', '')
rows.push(`- \`vite build\` of an app with three wasm-bindgen deps (own fixture, automerge, ironcalc; web targets), with ÷ without the plugin: **${fmt(buildRatio, 3)}** (6 paired runs; with: ${summary(withP.slice(1)).median.toFixed(0)} ms, without: ${summary(withoutP.slice(1)).median.toFixed(0)} ms). Target ≤ 1.10×.`)
rows.push(`- Transform time per glue file: **${summary(perKb).median.toFixed(2)} ms / 100 KB** (median over ${glues.length} corpus glue files; p25–p75 ${summary(perKb).p25.toFixed(2)}–${summary(perKb).p75.toFixed(2)}).`)
}
if (sizeRaw) {
rows.push('', '## 4. Bytes added to a production bundle (esbuild, minified)', '')
rows.push(`- Own fixture, web target: without the plugin ${sizeRaw.min} B min / ${sizeRaw.gz} B gzip; with it ${sizeWrapped.min} B / ${sizeWrapped.gz} B: **+${sizeWrapped.gz - sizeRaw.gz} B min+gzip** (runtime, factory wrapper and facades). Target ≤ 3 KB.`)
rows.push(`- The runtime alone, every export: ${runtimeAlone.min} B min, **${runtimeAlone.gz} B min+gzip**.`)
}
const mb = (b) => (b / 1048576).toFixed(1)
if (memory) {
rows.push('', '## 5. Memory after 10,000 abort → reinit cycles (own fixture, Node, after GC)', '')
rows.push(`- RSS ${mb(memory.before.rss)} MB → ${mb(memory.after.rss)} MB (**${(memory.after.rss - memory.before.rss) / 1048576 >= 0 ? '+' : ''}${mb(memory.after.rss - memory.before.rss)} MB**); ArrayBuffers incl. wasm memories ${mb(memory.before.arrayBuffers)} → ${mb(memory.after.arrayBuffers)} MB; JS heap ${mb(memory.before.heapUsed)} → ${mb(memory.after.heapUsed)} MB. ${memory.cycles} cycles took ${(memory.ms / 1000).toFixed(1)} s (${(memory.ms / memory.cycles).toFixed(3)} ms per abort + reinit + call). Target: flat, ≤ +5 MB.`)
}
if (rollback) {
  const verdict = (ok) => (ok ? 'met' : '**not met**')
  rows.push('', "## 6. Policy 'rollback' (own fixture, bundler target; Node)", '')
  rows.push("### Checkpoint cost per call against memory size (trivial `add`, which enters the instance, so every call checkpoints; 15 paired rounds)", '')
  rows.push('| memory | default policy, ns/call | rollback, ms/call | checkpoint cost, µs/MB | memcpy floor (`Uint8Array.set`), ms | floor, µs/MB | rollback ÷ floor | `readOnly: [\'add\']`, ns/call | readOnly ÷ default | first call after the growth, ms |', '|---|---|---|---|---|---|---|---|---|---|')
  for (const r of rollback.checkpoint) {
    const ns = (s) => ({ median: s.median * 1e6, p25: s.p25 * 1e6, p75: s.p75 * 1e6 })
    rows.push(`| ${r.mb.toFixed(2)} MB | ${fmt(ns(r.default), 1)} | ${fmt(r.rollback, 3)} | **${fmt(r.usPerMb, 0)}** | ${fmt(r.memcpy, 3)} | ${fmt(r.memcpyUsPerMb, 0)} | **${fmt(r.overMemcpy, 2)}** | ${fmt(ns(r.readOnly), 1)} | ${fmt(r.readOnlyOverDefault, 2)} (${r.readOnlyCheckpoints} checkpoint in ${r.readOnlyCalls.toLocaleString('en')} calls) | ${r.firstAfterGrowth.toFixed(1)} |`)
  }
  const last = rollback.checkpoint.at(-1)
  const ro = rollback.checkpoint.every((r) => r.readOnlyCheckpoints <= 1)
  rows.push('', `Per-call cost of a checkpoint at ${last.mb.toFixed(0)} MB: **${last.usPerMb.median.toFixed(0)} µs per MB** of linear memory (the plain copy: ${last.memcpyUsPerMb.median.toFixed(0)} µs/MB), i.e. ${last.rollback.median.toFixed(2)} ms added to every call that follows an entry into the instance. \`readOnly\` exports take no copy after the first: ${verdict(ro)} (${rollback.checkpoint.map((r) => r.readOnlyCheckpoints).join(', ')} checkpoints over the sizes); their remaining cost is the check, readOnly ÷ default above. "First call after the growth" (one sample per size) is the first call after \`alloc_huge\` grew the memory: its checkpoint grows the spare instance's memory and touches its new pages for the first time.`)
  const x = rollback.restore
  rows.push('', `### Restore latency, ${mb(x.bytes)} MB of memory (abort of \`panic_now\`; ${x.rollbackEvent.n} rounds, interleaved; ms)`, '')
  rows.push('| | median (p25–p75) |', '|---|---|')
  rows.push(`| rollback: \`rollback\` event durationMs | **${fmt(x.rollbackEvent, 2)}** |`)
  rows.push(`| rollback: failing call, wall (its checkpoint + trap + restore) | ${fmt(x.rollbackFail, 2)} |`)
  rows.push(`| rollback: next call (\`add\`), wall | ${fmt(x.rollbackNext, 3)} |`)
  rows.push(`| rollback: failing call + next call, wall | ${fmt(x.rollbackEnd, 2)} |`)
  rows.push(`| reinit (default policy, memory grown to the same size before each round): \`reinit\` event durationMs | ${fmt(x.reinitEvent, 2)} |`)
  rows.push(`| reinit: failing call + next call, wall | ${fmt(x.reinitEnd, 2)} |`)
  rows.push(`| floor of a restore into a fresh instance: bare \`new Instance\` + \`memory.grow\` + copy into its new pages | ${fmt(x.freshFloor, 2)} |`)
  rows.push(`| floor of a restore into pages touched before (memcpy only) | ${fmt(x.warmFloor, 2)} |`)
  rows.push(`| rollback event ÷ fresh-instance floor (paired) | **${fmt(x.eventOverFresh, 2)}** |`)
  rows.push('', `Target ≤ 5 ms for 16 MB: ${verdict(x.rollbackEvent.median <= 5)} for the restore itself (median ${x.rollbackEvent.median.toFixed(2)} ms: the checkpoint lives in a spare instance, so restoring is a swap). The cost moves, it does not vanish: the next checkpoint fills a NEW spare instance, whose memory pages are touched for the first time (the "next call" row, ≈ the fresh-instance floor). Failing call + next call together: ${verdict(x.rollbackEnd.median <= 5)} (${x.rollbackEnd.median.toFixed(1)} ms). The fresh-instance floor is what any restore into a new instance pays on this machine (first writes fault never-touched pages in: ${(x.freshFloor.median / (x.bytes / 2 ** 20)).toFixed(1)} ms/MB in this run); "pages touched before" is the same copy without those faults.`)
  if (rollback.photon) {
    const p = rollback.photon
    rows.push('', `### Restore latency, photon (1024×1024 image held, blurred; ${mb(p.bytes)} MB of memory; \`crop\` out of bounds panics; ${p.rollbackEvent.n} rounds; ms)`, '')
    rows.push('| | event durationMs | failing call + next call, wall |', '|---|---|---|')
    rows.push(`| rollback (image still valid and byte-identical: ${p.identical}) | **${fmt(p.rollbackEvent, 2)}** | ${fmt(p.rollbackEnd, 2)} |`)
    rows.push(`| reinit (image stale; next call makes a 1×1 image) | ${fmt(p.reinitEvent, 2)} | ${fmt(p.reinitEnd, 2)} |`)
    rows.push(`| floor of a restore into a fresh instance (bare \`new Instance\` + grow + copy) | ${fmt(p.freshFloor, 2)} | |`)
    rows.push(`| rollback event ÷ fresh-instance floor (paired) | **${fmt(p.eventOverFresh, 2)}** | |`)
    rows.push('', `Target ≤ 5 ms per 16 MB (here ${mb(p.bytes)} MB, so ≤ ${(5 * p.bytes / (16 << 20)).toFixed(1)} ms): ${verdict(p.rollbackEvent.median <= (5 * p.bytes) / (16 << 20))} for the restore; failing call + next call (which refills a new spare): ${verdict(p.rollbackEnd.median <= (5 * p.bytes) / (16 << 20))}.`)
  }
}

const cpu = cpus()[0]?.model ?? 'unknown CPU'
const head = [
  '# Benchmarks',
  '',
  `Measured by \`npm run bench\` in one run on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}. Machines are noisy (2 shared cores): read the ratios, which are paired round by round, rather than absolute times.`,
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
