// The markdown report of one `npm run bench`: a table of every target with its verdict first, then the
// sections with their detail. Sections a partial run (BENCH_ONLY) skipped are absent.
import { fmt, verdict } from './format.mjs'
import { rollbackRows } from './report-rollback.mjs'
const mb = (b) => (b / 1048576).toFixed(1)
const B = (n) => n.toLocaleString('en')
const KB3 = 3072
const CALL = 1.05
/** Targets of issue 16: the cheapest calls ≤ 1.05×; calls doing real work ≤ 1.01×. */
const callTarget = (name) => (name.startsWith('trivial') ? CALL : 1.01)

export function report(r) {
  const targets = [] // [figure, measured, target, verdict, floor or note]
  const rows = []
  const t = (figure, measured, target, ok, note = '') => targets.push(`| ${figure} | ${measured} | ${target} | ${verdict(ok)} | ${note} |`)

  if (r.percall) {
    rows.push('', '## 1. Per-call overhead, Node (ns per call; wrapped ÷ raw, median (p25–p75) of 21 paired rounds)', '')
    rows.push(...callTable(r.percall, t, 'Node'))
    rows.push('', 'Own loop: each variant in a timing loop of its own, so its call site is monomorphic, as in an app\'s hot loop (the figure the targets judge). Shared loop: all variants through one loop, as this bench measured before; its call site is polymorphic, which adds the same cost to both sides and pulls the ratio toward 1. Both are measured in the same interleaved rounds. Floors, in the same rounds: *guard only* calls the glue\'s own functions over wasm exports that each sit behind the least a recovery guard does (a state check and a try/catch), what a design without facades would cost at best; *forwarding* is one stable function that reads the current instance\'s export and calls it, with no guard at all. A target below a floor cannot be met by any wrapper on this machine. The guard-only floor runs a separate copy of the glue, so for method rows copy-to-copy variance can put it below 1×; the row of the function `add` is the one it bounds (its target, 1.05×, is below it), and even there it moves from run to run (1.11× to 2.53× in the runs of 2026-12-04: JIT decisions on a copy loaded beside several others), so read it as indicative. The row *after 6 recoveries* runs a copy of the wrapped fixture that was made to abort and recover six times first (the glue\'s functions then have met several generations). The row *wasm supplied at run time* bundles the web glue with its .wasm out of the build\'s sight, so no export guards are generated and the runtime makes them. The *web glue* rows run the fixture\'s ES-module glue, whose exported functions and classes the rewrite moves out of the factory so that a bundler can drop those an app does not import (the nodejs rows are CommonJS glue: its exported functions move out and fold into their facades the same way, core cjs-split.ts, though a bundler keeps a CommonJS module whole); their raw side (and that of the supplied-wasm row) is the same web glue untouched, imported as the ES module it is.')
  }
  if (r.browser) {
    rows.push('', `### In Chromium ${r.browser.version} (headless, Debian build; own fixture, web target)`, '')
    rows.push(...callTable(r.browser.percall, t, 'Chromium'))
    rows.push('', `Recovery in Chromium (own fixture, 100 aborts, reinit event durationMs; the browser clock is coarsened to 0.1 ms): ${fmt(r.browser.reinit, 2)} ms.`)
  }
  if (r.recovery) {
    rows.push('', '## 2. Recovery latency (ms; abort → fresh generation live)', '')
    rows.push('| module | .wasm | our reinit, back to back | ÷ floor | our reinit, event loop idle between aborts | ÷ floor | idle time per generation made ahead | bare `new Instance` (floor) | raw glue body re-run (floor of a fresh glue state) | our reinit ÷ it, back to back | target | verdict (back to back / idle between) | recompile from bytes | abort + next call, end to end (back to back / idle between) |', '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|')
    for (const x of r.recovery) {
      // paired round by round where the run has it (a bare instantiation after each abort), else medians
      const q = x.paired?.median ?? x.reinit.median / x.bare.median
      const qi = x.idle.paired?.median ?? x.idle.reinit.median / x.bare.median
      // the raw glue's own body re-run (CommonJS glue only): what rebuilding the glue's state costs without us
      const g = x.glue ? `; a fresh glue state (the raw glue's body re-run with the cached Module, its start included): ${x.glue.median.toFixed(3)} ms, ${(x.glue.median / x.bare.median).toFixed(2)}× the bare instance; ours ÷ it ${x.pairedGlue.median.toFixed(2)}×` : ''
      t(`recovery ÷ bare \`new WebAssembly.Instance\`, ${x.name}, back to back (no idle turn between aborts)`, `${q.toFixed(2)}×`, '≤ 1.10×', q <= 1.1, `floor ${x.bare.median.toFixed(3)} ms${g}`)
      t(`recovery ÷ bare \`new WebAssembly.Instance\`, ${x.name}, the event loop idle between aborts`, `${qi.toFixed(2)}×`, '≤ 1.10×', qi <= 1.1, `${x.idle.made} of ${x.idle.reinit.n} generations made ahead, ${x.idle.idleMs.toFixed(3)} ms of idle time each`)
      rows.push(`| ${x.name} | ${(x.size / 1e6).toFixed(2)} MB | ${fmt(x.reinit, 3)} | **${q.toFixed(2)}×** | ${fmt(x.idle.reinit, 3)} | **${qi.toFixed(2)}×** | ${x.idle.idleMs.toFixed(3)} (${x.idle.made} made) | ${fmt(x.bare, 3)} | ${x.glue ? fmt(x.glue, 3) : '—'} | ${x.pairedGlue ? `${x.pairedGlue.median.toFixed(2)}×` : '—'} | ≤ 1.10× | ${verdict(q <= 1.1)} / ${verdict(qi <= 1.1)} | ${fmt(x.recompile, 2)} | ${fmt(x.endToEnd, 2)} / ${fmt(x.idle.endToEnd, 2)} |`)
    }
    rows.push('', '"our reinit" is the `reinit` event\'s durationMs. Back to back, it re-runs the glue body, instantiates with guarded imports, binds, patches the classes and runs the module\'s start function; the floor does only the instantiation (with stub imports, no start). The second floor, for the CommonJS glue (fixture, automerge), is the raw glue\'s own body run again without us, with the cached Module (compiled once as a function; its read of the .wasm and its compile answered from memory), start included: any recovery that rebuilds the glue\'s state (its memory views, heap, finalizers, closures: what wasm-bindgen offers no way to reset) pays it, so a ratio to the bare instance below it cannot be reached by re-running the glue; it is timed after each abort too, and "ours ÷ it" is paired the same way. Each "÷ floor" is the median of per-abort ratios: a bare instantiation is timed right after each abort of the series, so machine phases hit both sides alike; the floor column is the separate series of bare instantiations. With the event loop idle between aborts (a 5 ms timer before each, untimed, as between two events of an app), the runtime makes the next generation in that idle time, its start held back (runtime standby.ts; only for a .wasm without a start section), so the recovery takes it and runs only the start: that work moves to the idle time shown, it does not vanish.')
  }
  if (r.build) {
    const b = r.build
    const ok = b.ratio.median <= 1.1
    t('`vite build`, 3 wasm-bindgen deps, with ÷ without (rebuilds in one process)', `${b.ratio.median.toFixed(3)}× (${b.with.median.toFixed(0)} vs ${b.without.median.toFixed(0)} ms)`, '≤ 1.10×', ok, `caches off (a first build): ${b.coldRatio.median.toFixed(3)}×`)
    rows.push('', '## 3. Build overhead', '')
    rows.push(`- \`vite build\` of an app with three wasm-bindgen deps (own fixture, automerge, ironcalc; web targets; it calls each one's init and imports one export of each, \`add\`, \`create\`, \`Model\`, the rest tree-shaken), with ÷ without the plugin: **${fmt(b.ratio, 3)}** (${b.pairs} paired builds after a warm-up pair; with: ${b.with.median.toFixed(0)} ms, without: ${b.without.median.toFixed(0)} ms). Target ≤ 1.10×: ${verdict(ok)}. With the plugin's caches off (\`WASM_RECOVERY_CACHE=off\`: every glue and the chunk analysed as if never seen, what a first build pays): **${fmt(b.coldRatio, 3)}** (${b.cold.median.toFixed(0)} ms).`)
    rows.push(`- Transform time per glue file (median over ${b.glues} corpus glue files, p25–p75): content seen for the first time **${fmt(b.perKb.fresh, 2)} ms / 100 KB**; the same content again (a rebuild, a second lookup) ${fmt(b.perKb.same, 2)} ms / 100 KB.`)
  }
  if (r.size) {
    const { fixture: f, photon: p, features, runtimeFiles } = r.size
    const dPhoton = p.with.gz - p.without.gz
    const dFixture = f.with.gz - f.without.gz
    // what every rewritten glue imports of the runtime bounds both rows from below, whatever the emitted code
    const core = `floor: the runtime core every rewritten glue imports (createSupervisor), alone: ${B(features[0].gz)} B`
    // the plain build without the plugin cannot run (its .wasm's imports were dropped): the one that can is shown beside it
    const dRuns = p.withoutRuns && p.with.gz - p.withoutRuns.gz
    const runs = p.withoutRuns ? `; over a build without the plugin that can run (it keeps the glue's functions the .wasm imports, ${B(p.withoutRuns.gz)} B): +${B(dRuns)} B` : ''
    t('photon, only `crop` + `PhotonImage` imported, esbuild minified (JS only): with − without', `+${B(dPhoton)} B min+gzip; ${p.keptWith.kept.length} of ${p.keptWith.checked} unimported wrappers kept`, `≤ +${B(KB3)} B`, dPhoton <= KB3, `${core}; without the plugin: ${p.keptWithout.kept.length} kept${runs}`)
    t('own fixture, web target, every export: with − without', `+${B(dFixture)} B min+gzip`, `≤ +${B(KB3)} B`, dFixture <= KB3, `${core}; the runtime with every export: ${B(features.at(-1).gz)} B`)
    rows.push('', '## 4. Bytes added to a production bundle (esbuild, minified, browser, ESM; the JS only, the .wasm excluded)', '')
    rows.push('| bundle | without the plugin, min / gzip | with it, min / gzip | added, min+gzip | target | verdict |', '|---|---|---|---|---|---|')
    rows.push(`| photon 0.3.11 (bundler target), app imports only \`crop\` + \`PhotonImage\` | ${B(p.without.min)} / ${B(p.without.gz)} B | ${B(p.with.min)} / ${B(p.with.gz)} B | **+${B(dPhoton)} B** | ≤ +${B(KB3)} B | ${verdict(dPhoton <= KB3)} |`)
    if (p.withoutRuns) rows.push(`| photon, the same app; without the plugin, the glue's functions that the .wasm imports kept (a build that can run) | ${B(p.withoutRuns.min)} / ${B(p.withoutRuns.gz)} B | ${B(p.with.min)} / ${B(p.with.gz)} B | +${B(dRuns)} B | (shown only) | |`)
    rows.push(`| own fixture, web target, every export kept | ${B(f.without.min)} / ${B(f.without.gz)} B | ${B(f.with.min)} / ${B(f.with.gz)} B | **+${B(dFixture)} B** | ≤ +${B(KB3)} B | ${verdict(dFixture <= KB3)} |`)
    rows.push('', `Tree-shaking, photon: of the ${p.keptWith.checked} exports the app does not import (those whose wasm calls tell them apart), the bundle keeps **${p.keptWith.kept.length}** with the plugin and ${p.keptWithout.kept.length} without it (target: as without). A wrapper counts as kept when the wasm exports only it calls are still read as properties in the minified bundle (test/bench/treeshake.mjs, on ASTs; test/treeshake.test.ts asserts the same).`)
    rows.push('', '### The runtime by feature (an app importing only these from `@wasm-recovery/runtime`, minified)', '')
    rows.push('| imports | min | min+gzip | over the core, min+gzip |', '|---|---|---|---|')
    for (const x of features) rows.push(`| ${x.name} | ${B(x.min)} B | ${B(x.gz)} B | ${x === features[0] ? '' : `+${B(x.gz - features[0].gz)} B`} |`)
    rows.push('', `In the fixture bundle, minified bytes per runtime file (esbuild's attribution, before gzip): ${runtimeFiles.filter((x) => x.bytes).map((x) => `${x.file} ${B(x.bytes)}`).join(', ')}.`)
  }

  if (r.memory) {
    const m = r.memory
    const second = (m.after.rss - m.mid.rss) / 1048576
    const ok = second <= 0.5
    t(`${B(m.cycles)} abort → reinit cycles, RSS`, `+${mb(m.after.rss - m.before.rss)} MB in all; ${second >= 0 ? '+' : ''}${second.toFixed(1)} MB over the second half`, 'flat: second half ≤ +0.5 MB', ok)
    rows.push('', `## 5. Memory over ${B(m.cycles)} abort → reinit cycles (own fixture, Node, after GC)`, '')
    rows.push(`- RSS ${mb(m.before.rss)} MB → ${mb(m.mid.rss)} MB after ${B(m.cycles / 2)} cycles → ${mb(m.after.rss)} MB after ${B(m.cycles)}; ArrayBuffers incl. wasm memories ${mb(m.before.arrayBuffers)} → ${mb(m.after.arrayBuffers)} MB; JS heap ${mb(m.before.heapUsed)} → ${mb(m.mid.heapUsed)} → ${mb(m.after.heapUsed)} MB. ${B(m.cycles)} cycles took ${(m.ms / 1000).toFixed(1)} s (${(m.ms / m.cycles).toFixed(3)} ms per abort + reinit + call).`)
    rows.push(`- Flat means no growth with the number of cycles: the first half also pays one-off growth (JIT code, allocator pools), so the verdict reads the second half: ${second.toFixed(2)} MB, target ≤ +0.5 MB: ${verdict(ok)}.`)
  }
  if (r.rollback) rows.push(...rollbackRows(r.rollback, t))

  return ['## Targets (issue 16), this run', '', '| figure | measured | target | verdict | floor / note |', '|---|---|---|---|---|', ...targets, ...rows]
}

function callTable(results, t, where) {
  const out = ['| call | raw ns (own loop) | wrapped ns (own loop) | wrapped ÷ raw, own loop | wrapped ÷ raw, shared loop | Proxy ÷ raw, own loop | floor: guard only ÷ raw | floor: forwarding ÷ raw | target | verdict |', '|---|---|---|---|---|---|---|---|---|---|']
  const floor = (x, k) => (x.own[k] ? fmt(x.own[k].ratio, 3) : '')
  for (const [name, x] of Object.entries(results)) {
    const target = callTarget(name)
    const q = x.own.wrapped.ratio
    const ok = q.median <= target
    const floors = [x.own.guardOnly && `guard only ${x.own.guardOnly.ratio.median.toFixed(3)}×`, x.own.forward && `forwarding ${x.own.forward.ratio.median.toFixed(3)}×`].filter(Boolean)
    if (name.startsWith('trivial')) t(`trivial call, ${where}: ${name.replace(/^trivial: /, '')}`, `${q.median.toFixed(3)}× (shared loop ${x.shared.wrapped.ratio.median.toFixed(3)}×)`, `≤ ${target.toFixed(2)}×`, ok, `raw ${x.own.raw.ns.median.toFixed(1)} ns${floors.length ? `; floor: ${floors.join(', ')}` : ''}`)
    out.push(`| ${name} | ${fmt(x.own.raw.ns, 1)} | ${fmt(x.own.wrapped.ns, 1)} | **${fmt(q, 3)}** | ${fmt(x.shared.wrapped.ratio, 3)} | ${fmt(x.own.proxy.ratio, 2)} | ${floor(x, 'guardOnly')} | ${floor(x, 'forward')} | ≤ ${target.toFixed(2)}× | ${verdict(ok)} |`)
  }
  return out
}
