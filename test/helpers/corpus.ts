// The real-package corpus (see /work/shared/CORPUS.md): which targets each package ships, how a scenario
// loads each of them, and how the same scenario runs bundled (with or without the plugin) or unbundled.
import { execFile } from 'node:child_process'
import { readFileSync, realpathSync } from 'node:fs'
import { basename, join } from 'node:path'
import { vi } from 'vitest'
import { bundle, writeEntry, TEST_DIR, type Bundler, type BundleResult } from './bundle.js'

export const NODE_MODULES = join(TEST_DIR, 'node_modules')
export const CORPUS_SCENARIOS = join(TEST_DIR, 'scenarios', 'corpus')

export type Mode = 'equivalence' | 'trigger' | 'deep'
export type Kind = 'esm' | 'cjs' | 'deno' | 'no-modules' | 'script'

export interface CorpusTarget {
  /** Scenario module under scenarios/corpus/. */
  pkg: 'tiktoken' | 'automerge' | 'photon' | 'ironcalc' | 'swc' | 'biome' | 'cedar' | 'citeproc' | 'resvg'
  /** The target as the package names it (its directory or entry). */
  target: string
  /** The file an app imports (absolute: package `exports` maps get in the way otherwise). */
  glue: string
  kind: Kind
  /** Web target: the app calls `init()` itself. */
  init?: 'web'
  /** The init the app calls, when not the default export (a package's wrapper such as `initWasm`). */
  initCall?: string
  /** The app always hands over the wasm (the package has no default location), with the plugin too. */
  supplied?: boolean
  /** Web target of CLI ≥ 0.2.93: `init({ module_or_path })` rather than a bare input. */
  initObjectArgs?: boolean
  wasm: string
  /** What the plugin's debug line must say. */
  detect: { target: string; cli: string } | 'no-modules'
  /** The module name on errors and in recoveryStats. */
  module: string
  variant?: string
  /** kind 'script' (a package's esbuild IIFE, for a <script> tag): the global it declares. */
  global?: string
  /** Scripts a page loads before the glue (no-modules: the snippet that defines the error classes). */
  preload?: string[]
  modes: Mode[]
}

const nm = (p: string) => join(NODE_MODULES, p)

const AUTOMERGE = nm('@automerge/automerge-wasm')
const CEDAR = nm('@cedar-policy/cedar-wasm')
const CITEPROC = nm('@citeproc-rs/wasm')

export const TARGETS: CorpusTarget[] = [
  {
    pkg: 'tiktoken', target: 'bundler', glue: nm('tiktoken/tiktoken.js'), kind: 'esm', wasm: nm('tiktoken/tiktoken_bg.wasm'),
    detect: { target: 'bundler', cli: '0.2.100' }, module: 'tiktoken', modes: ['equivalence', 'trigger'],
  },
  {
    pkg: 'tiktoken', target: 'lite', glue: nm('tiktoken/lite/tiktoken.js'), kind: 'esm', wasm: nm('tiktoken/lite/tiktoken_bg.wasm'),
    detect: { target: 'bundler', cli: '0.2.100' }, module: 'tiktoken', variant: 'lite', modes: ['equivalence', 'trigger'],
  },
  {
    // the package's own loader over bundler glue: reads tiktoken_bg.wasm with fs, instantiates, __wbg_set_wasm
    pkg: 'tiktoken', target: 'node-entry', glue: nm('tiktoken/tiktoken.cjs'), kind: 'cjs', wasm: nm('tiktoken/tiktoken_bg.wasm'),
    detect: { target: 'bundler', cli: '0.2.100' }, module: 'tiktoken', modes: ['equivalence', 'trigger'],
  },
  {
    // old-era nodejs glue whose loader's `path` / `bytes` share their names with method parameters
    pkg: 'tiktoken', target: 'dqbd-node', glue: nm('@dqbd/tiktoken/dist/node/_tiktoken.js'), kind: 'cjs',
    wasm: nm('@dqbd/tiktoken/dist/node/_tiktoken_bg.wasm'), detect: { target: 'nodejs', cli: '0.2.84' }, module: '_tiktoken',
    modes: ['equivalence', 'trigger'],
  },
  ...(['bundler', 'nodejs', 'web', 'deno'] as const).map(
    (target): CorpusTarget => ({
      pkg: 'automerge',
      target,
      glue: join(AUTOMERGE, target, target === 'nodejs' ? 'automerge_wasm.cjs' : 'automerge_wasm.js'),
      kind: target === 'nodejs' ? 'cjs' : target === 'deno' ? 'deno' : 'esm',
      init: target === 'web' ? 'web' : undefined,
      initObjectArgs: false,
      wasm: join(AUTOMERGE, target, 'automerge_wasm_bg.wasm'),
      detect: { target, cli: '0.2.92' },
      module: 'automerge_wasm',
      modes: ['equivalence', 'trigger', 'deep'],
    }),
  ),
  {
    pkg: 'photon', target: 'bundler', glue: nm('@silvia-odwyer/photon/photon_rs.js'), kind: 'esm',
    wasm: nm('@silvia-odwyer/photon/photon_rs_bg.wasm'), detect: { target: 'bundler-circular', cli: '0.2.68' }, module: 'photon_rs',
    modes: ['equivalence', 'trigger'],
  },
  {
    // web glue re-bundled by rolldown with no default wasm URL; the package's `node` entry compiles the
    // wasm from its own base64 module and hands it to initSync({ module })
    pkg: 'photon', target: 'cf-node', glue: nm('@cf-wasm/photon/dist/node.js'), kind: 'esm',
    wasm: nm('@cf-wasm/photon/dist/lib/photon_rs_bg.wasm'), detect: { target: 'web', cli: '0.2.126' }, module: 'photon_rs',
    modes: ['equivalence', 'trigger'],
  },
  {
    // web glue re-bundled by tsup (`var`s, internal __wbg_init) under the package's wrapper `initWasm`,
    // which the app hands the wasm
    pkg: 'resvg', target: 'index-mjs', glue: nm('@resvg/resvg-wasm/index.mjs'), kind: 'esm', init: 'web', initCall: 'initWasm',
    supplied: true, initObjectArgs: false, wasm: nm('@resvg/resvg-wasm/index_bg.wasm'), detect: { target: 'web', cli: '0.2.92' },
    module: '@resvg/resvg-wasm', modes: ['equivalence', 'trigger'],
  },
  {
    // the same package's CommonJS entry (what `require('@resvg/resvg-wasm')` gives): tsup's CommonJS form,
    // `__export(ns, {…})` + `module.exports = __toCommonJS(ns)` over the same glue
    pkg: 'resvg', target: 'index-js', glue: nm('@resvg/resvg-wasm/index.js'), kind: 'cjs', init: 'web', initCall: 'initWasm',
    supplied: true, initObjectArgs: false, wasm: nm('@resvg/resvg-wasm/index_bg.wasm'), detect: { target: 'web', cli: '0.2.92' },
    module: '@resvg/resvg-wasm', modes: ['equivalence', 'trigger'],
  },
  {
    // the same package MINIFIED into an esbuild IIFE for a <script> tag (its `unpkg` file): `var resvg = (() => {
    // …; return __toCommonJS(ns) })()`. Bundled with the plugin its exports are the module's (and the global is
    // set); as shipped, and bundled without the plugin, it is run as a script and read from the global
    pkg: 'resvg', target: 'index-min-js', glue: nm('@resvg/resvg-wasm/index.min.js'), kind: 'script', global: 'resvg', init: 'web',
    initCall: 'initWasm', supplied: true, initObjectArgs: false, wasm: nm('@resvg/resvg-wasm/index_bg.wasm'),
    detect: { target: 'web', cli: '0.2.92' }, module: '@resvg/resvg-wasm', modes: ['equivalence', 'trigger'],
  },
  {
    pkg: 'ironcalc', target: 'web', glue: nm('@ironcalc/wasm/wasm.js'), kind: 'esm', init: 'web', initObjectArgs: true,
    wasm: nm('@ironcalc/wasm/wasm_bg.wasm'), detect: { target: 'web', cli: '0.2.126' }, module: '@ironcalc/wasm', modes: ['equivalence', 'trigger', 'deep'],
  },
  {
    pkg: 'swc', target: 'nodejs', glue: nm('@swc/wasm/wasm.js'), kind: 'cjs', wasm: nm('@swc/wasm/wasm_bg.wasm'),
    detect: { target: 'nodejs', cli: '0.2.100' }, module: '@swc/wasm', modes: ['equivalence', 'trigger', 'deep'],
  },
  {
    pkg: 'biome', target: 'web', glue: nm('@biomejs/wasm-web/biome_wasm.js'), kind: 'esm', init: 'web', initObjectArgs: true,
    wasm: nm('@biomejs/wasm-web/biome_wasm_bg.wasm'), detect: { target: 'web', cli: '0.2.117' }, module: 'biome_wasm',
    modes: ['equivalence', 'deep'],
  },
  ...([
    ['esm', 'bundler'],
    ['nodejs', 'nodejs'],
    ['web', 'web'],
  ] as const).map(
    ([dir, target]): CorpusTarget => ({
      pkg: 'cedar',
      target: dir,
      glue: join(CEDAR, dir, 'cedar_wasm.js'),
      kind: dir === 'nodejs' ? 'cjs' : 'esm',
      init: dir === 'web' ? 'web' : undefined,
      initObjectArgs: true,
      wasm: join(CEDAR, dir, 'cedar_wasm_bg.wasm'),
      detect: { target, cli: '0.2.117' },
      module: 'cedar_wasm',
      modes: ['equivalence'],
    }),
  ),
  ...([
    ['_esm', { target: 'bundler-circular', cli: '0.2.78' }],
    ['_cjs', { target: 'nodejs', cli: '0.2.78' }],
    ['_web', { target: 'web', cli: '0.2.78' }],
    ['_no_modules', 'no-modules'],
  ] as const).map(
    ([dir, detect]): CorpusTarget => ({
      pkg: 'citeproc',
      target: dir,
      glue: join(CITEPROC, dir, 'citeproc_rs_wasm.js'),
      kind: dir === '_cjs' ? 'cjs' : dir === '_no_modules' ? 'no-modules' : 'esm',
      init: dir === '_web' ? 'web' : undefined,
      initObjectArgs: false,
      wasm: join(CITEPROC, dir, 'citeproc_rs_wasm_bg.wasm'),
      detect,
      module: 'citeproc_rs_wasm',
      preload: dir === '_no_modules' ? [join(CITEPROC, dir, 'citeproc_rs_wasm_include.js')] : undefined,
      modes: ['equivalence'],
    }),
  ),
]

export const label = (t: CorpusTarget) => `${t.pkg}-${t.target.replace(/^_/, '')}`

function ctxOf(t: CorpusTarget) {
  return { module: t.module, label: label(t), nodeModules: NODE_MODULES, variant: t.variant }
}

/**
 * The one generic entry: import the target's glue, initialise it the way its users do, run the mode
 * named on the command line. With the plugin a web target's `init()` takes no argument (the plugin
 * loads the .wasm); without it the entry hands over the bytes, as an app without the plugin must.
 */
export function corpusEntry(t: CorpusTarget, plugin: boolean): string {
  const scenario = join(CORPUS_SCENARIOS, `${t.pkg}.mjs`)
  const j = JSON.stringify
  if (t.kind === 'no-modules') {
    // a classic script that sets a global `wasm_bindgen`: bundled untouched it exports nothing (the entry
    // says so); rewritten by the plugin its default export is `wasm_bindgen`, initialised like the web target
    // the preloaded scripts run as a page's <script> tags would (an import of them could be tree-shaken:
    // citeproc declares `sideEffects: false`)
    return [
      `import { readFileSync } from 'node:fs'`,
      `import vm from 'node:vm'`,
      `import * as ns from ${j(t.glue)}`,
      `import * as scenario from ${j(scenario)}`,
      `import { runMode } from ${j(join(CORPUS_SCENARIOS, '_run.mjs'))}`,
      `;(async () => {`,
      `  for (const f of ${j(t.preload ?? [])}) vm.runInThisContext(readFileSync(f, 'utf8'), { filename: f })`,
      `  const m = ns.default`,
      `  if (typeof m !== 'function') return console.log('RESULT:' + JSON.stringify({ loaded: true, exported: false }))`,
      `  await m()`,
      `  await runMode(m, scenario, process.argv[2], ${j(ctxOf(t))})`,
      `})()`,
      '',
    ].join('\n')
  }
  const initArg = plugin && !t.supplied ? '' : t.initObjectArgs ? '{ module_or_path: readFileSync(WASM) }' : 'readFileSync(WASM)'
  // a script: bundled without the plugin it exports nothing, so it runs as a <script> would and is read from its global
  const load = t.kind === 'script' && !plugin
    ? [`import vm from 'node:vm'`, `vm.runInThisContext(readFileSync(${j(t.glue)}, 'utf8'), { filename: ${j(t.glue)} })`, `const pkg = globalThis[${j(t.global)}]`]
    : [`import * as pkg from ${j(t.glue)}`]
  return [
    `import { readFileSync } from 'node:fs'`,
    ...load,
    `import * as scenario from ${j(scenario)}`,
    `import { runMode } from ${j(join(CORPUS_SCENARIOS, '_run.mjs'))}`,
    `const WASM = ${j(t.wasm)}`,
    `;(async () => {`,
    `  const m = pkg`,
    // with the plugin, the script's global is set as a <script> of it sets it
    t.kind === 'script' && plugin ? `  if (globalThis[${j(t.global)}]?.${t.initCall} !== m.${t.initCall}) throw new Error('the global ${t.global} is not the module')` : '',
    t.init === 'web' ? `  await m.${t.initCall ?? 'default'}(${initArg})` : `  void readFileSync, void WASM`,
    `  await runMode(m, scenario, process.argv[2], ${j(ctxOf(t))})`,
    `})()`,
    '',
  ].join('\n')
}

export interface Built extends BundleResult {
  /** The plugin's debug lines logged while this bundle was built. */
  debug: string[]
  format: 'esm' | 'cjs'
}

/**
 * ES output everywhere with the plugin (it answers the CommonJS glue's `require('util')`, core factory.ts).
 * Without it, esbuild's ESM output cannot `require('util')` inside CommonJS glue: format cjs there.
 */
export function formatFor(t: CorpusTarget, bundler: Bundler, plugin = true): 'esm' | 'cjs' {
  return !plugin && bundler === 'esbuild' && t.kind === 'cjs' ? 'cjs' : 'esm'
}

/** Bundles the generic entry of one target; with the plugin in debug mode, capturing its detection lines. */
export async function bundleCorpus(t: CorpusTarget, bundler: Bundler, plugin = true): Promise<Built> {
  const name = `corpus-${label(t)}${plugin ? '' : '-plain'}`
  const entry = writeEntry(`${name}-${bundler}`, corpusEntry(t, plugin))
  const format = formatFor(t, bundler, plugin)
  const spy = vi.spyOn(console, 'log').mockImplementation(() => {})
  try {
    const b = await bundle(bundler, name, entry, { plugin: plugin ? { debug: true } : false, format })
    const debug = spy.mock.calls.map((c) => c.map(String).join(' ')).filter((l) => l.startsWith('[wasm-recovery]'))
    return { ...b, debug, format }
  } finally {
    spy.mockRestore()
  }
}

export interface Detection {
  id: string
  target: string
  format: string
  cli: string
  era: string
  wasm: string
  policy: string
}

/** The plugin's detection lines for glue of this target (the debug line names the glue file it rewrote). */
export function detections(b: Built, t: CorpusTarget): Detection[] {
  // ids are real paths (pnpm links packages from node_modules/.pnpm)
  const glue = realpathSync(t.glue)
  const dir = glue.slice(0, glue.lastIndexOf('/') + 1)
  const out: Detection[] = []
  for (const l of b.debug) {
    const m = /^\[wasm-recovery\] (.+?): wasm-bindgen glue, target (\S+) \((\w+)\), CLI (\S+), (\w+), wasm (\S+), policy (\S+)$/.exec(l)
    if (m && m[1].startsWith(dir)) out.push({ id: m[1], target: m[2], format: m[3], cli: m[4], era: m[5], wasm: m[6], policy: m[7] })
  }
  return out
}

export interface Run {
  code: number | null
  signal: string | null
  stdout: string
  stderr: string
  ms: number
  /** What runMode printed after `RESULT:` (undefined when the process died first). */
  result: any
}

function run(args: string[], timeoutMs: number): Promise<Run> {
  const start = Date.now()
  return new Promise((resolve) => {
    execFile(process.execPath, args, { timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 }, (err: any, stdout, stderr) => {
      const line = String(stdout)
        .split('\n')
        .find((l) => l.startsWith('RESULT:'))
      resolve({
        code: err ? (typeof err.code === 'number' ? err.code : null) : 0,
        signal: err?.signal ?? null,
        stdout: String(stdout),
        stderr: String(stderr),
        ms: Date.now() - start,
        result: line ? JSON.parse(line.slice(7)) : undefined,
      })
    })
  })
}

/** One mode of a bundled scenario, in a fresh Node (a crash must not take the test runner with it). */
export function runBundle(b: BundleResult, mode: Mode, timeoutMs = 100_000): Promise<Run> {
  return run(['--expose-gc', '--enable-source-maps', b.file, mode], timeoutMs)
}

/** One mode of the scenario against the package as shipped: no bundler, no plugin (Node's own wasm ESM integration). */
export function runDirect(t: CorpusTarget, mode: Mode, timeoutMs = 100_000): Promise<Run> {
  const spec = {
    kind: t.kind,
    glue: t.glue,
    init: t.init,
    initCall: t.initCall,
    initObjectArgs: t.initObjectArgs,
    wasm: t.wasm,
    preload: t.preload,
    global: t.global,
    scenario: join(CORPUS_SCENARIOS, `${t.pkg}.mjs`),
    ctx: ctxOf(t),
  }
  return run(
    ['--expose-gc', '--experimental-wasm-modules', '--no-warnings', join(CORPUS_SCENARIOS, '_direct.mjs'), JSON.stringify(spec), mode],
    timeoutMs,
  )
}

/** Memoises one async computation per key (a baseline shared by both bundlers' tests). */
export function memo<T>(): (key: string, f: () => Promise<T>) => Promise<T> {
  const cache = new Map<string, Promise<T>>()
  return (key, f) => {
    let p = cache.get(key)
    if (!p) cache.set(key, (p = f()))
    return p
  }
}

/** The emitted code of a bundle's entry, for byte comparisons (source maps left out). */
export function bundleCode(b: BundleResult): string {
  return readFileSync(b.file, 'utf8').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '')
}

/** Errors wasm-bindgen raises once an object's borrow flags were torn by an abort (raw, unwrapped). */
export const RAW_CORRUPTION = /recursive use of an object detected|attempted to take ownership of Rust value while it was borrowed/

export const wasmName = (t: CorpusTarget) => basename(t.wasm)
