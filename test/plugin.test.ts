import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping'
import wasmRecoveryEsbuild from '@wasm-recovery/esbuild'
import wasmRecoveryRollup from '@wasm-recovery/rollup'
import { unplugin } from '@wasm-recovery/unplugin'
import * as esbuild from 'esbuild'
import { describe, expect, it } from 'vitest'
import { BUNDLERS, OUT_DIR, TEST_DIR, bundle, runNode, writeEntry } from './helpers/bundle.js'
import { fixtureGlue, runFixtureScenario } from './helpers/fixture.js'

describe('options', () => {
  const bad: [string, unknown, RegExp][] = [
    ['policy', { policy: 'restart' }, /`policy`/],
    ['circuitBreaker', { circuitBreaker: { maxConsecutiveAborts: 0 } }, /`circuitBreaker`/],
    ['circuitBreaker', { circuitBreaker: true }, /`circuitBreaker`/],
    ['wasm', { wasm: 'base64' }, /`wasm`/],
    ['debug', { debug: 'yes' }, /`debug`/],
    ['include', { include: 42 }, /`include`/],
    ['exclude', { exclude: [/x/, {}] }, /`exclude`/],
    ['an unknown option', { polcy: 'reinit' }, /`polcy`/],
  ]
  it.each(bad)('a bad %s is an error naming it, in every adapter', (_what, options, pattern) => {
    expect(() => wasmRecoveryRollup(options as never)).toThrow(pattern)
    expect(() => wasmRecoveryEsbuild(options as never)).toThrow(pattern)
  })

  it('a policy function that returns nonsense is an error naming the module', async () => {
    await expect(bundle('rollup', 'bad-policy-fn', fixtureGlue('abort', 'web'), { plugin: { policy: () => 'later' as never } })).rejects.toThrow(
      /`policy`.*wr_fixture/,
    )
  })
})

describe.each(BUNDLERS)('policies, with %s', (bundler) => {
  it("'poison': the module refuses calls after an abort until resetModule()", async () => {
    const { result: r, stderr } = await runFixtureScenario(bundler, 'abort', 'bundler', 'policy', { plugin: { policy: 'poison' } })
    expect(r, stderr).toBeDefined()
    expect(r.panic).toEqual(expect.objectContaining({ name: 'WasmAbortError', export: 'panic_now' }))
    expect(r.next).toEqual(expect.objectContaining({ name: 'WasmUnavailableError', reason: 'poisoned' }))
    expect(r.newObject).toEqual(expect.objectContaining({ name: 'WasmUnavailableError', reason: 'poisoned' }))
    expect(r.oldObject).toEqual(expect.objectContaining({ name: 'WasmUnavailableError', reason: 'poisoned' }))
    expect(r.stats.value).toEqual({ module: 'wr_fixture', state: 'poisoned', generation: 0, aborts: 1, reinits: 0 })
    expect(r.reset).toBe('ok')
    expect(r.afterReset).toEqual({ ok: true, value: 4 })
    expect(r.events).toEqual(['abort', 'poisoned', 'reinit'])
  })

  it("a policy function decides per module name", async () => {
    const { result: r } = await runFixtureScenario(bundler, 'abort', 'web', 'policy', {
      plugin: { policy: (name) => (name === 'wr_fixture' ? 'poison' : 'reinit') },
    })
    expect(r.next).toEqual(expect.objectContaining({ name: 'WasmUnavailableError', reason: 'poisoned' }))
  })

  it("'off' leaves the module as it is: no supervisor, today's poisoned behaviour", async () => {
    const { result: r, bundle: b } = await runFixtureScenario(bundler, 'abort', 'web', 'policy', { plugin: { policy: 'off' }, initWithBytes: true })
    expect(readFileSync(b.file, 'utf8')).not.toContain('__wbr_factory')
    expect(r.panic).toEqual(expect.objectContaining({ name: 'RuntimeError', message: 'unreachable' }))
    expect(r.stats).toEqual(expect.objectContaining({ ok: false, message: expect.stringMatching(/no supervised module named "wr_fixture"/) }))
  })

  it('exclude leaves matching glue untouched; include limits the rewrite to matching glue', async () => {
    const excluded = await runFixtureScenario(bundler, 'abort', 'web', 'policy', { plugin: { exclude: [/abort[\\/]web/] }, initWithBytes: true })
    expect(excluded.result.panic).toEqual(expect.objectContaining({ name: 'RuntimeError' }))
    const notIncluded = await runFixtureScenario(bundler, 'abort', 'web', 'policy', { plugin: { include: ['**/unwind/**'] }, initWithBytes: true })
    expect(notIncluded.result.panic).toEqual(expect.objectContaining({ name: 'RuntimeError' }))
    const included = await runFixtureScenario(bundler, 'abort', 'web', 'policy', { plugin: { include: ['**/abort/web/*.js'] } })
    expect(included.result.panic).toEqual(expect.objectContaining({ name: 'WasmAbortError' }))
  })

  it('a bundler entry keeps its .wasm import when its _bg.js glue is excluded', () => {
    const entry = fixtureGlue('abort', 'bundler')
    const transform = (options: object) => {
      const plugin = unplugin.raw(options as never, { framework: 'rollup' } as never) as any
      return plugin.transform.handler.call({ warn() {}, emitFile: () => 'ref' }, readFileSync(entry, 'utf8'), entry)
    }
    expect(transform({})?.code).not.toContain('_bg.wasm')
    expect(transform({ exclude: [/_bg\.js$/] })).toBeNull()
  })

  it("wasm: 'inline' carries the module in the JS: no .wasm file beside the bundle", async () => {
    const { result: r, bundle: b } = await runFixtureScenario(bundler, 'abort', 'bundler', 'policy', { plugin: { wasm: 'inline' } })
    expect(readdirSync(b.dir, { recursive: true }).map(String).filter((f) => f.endsWith('.wasm'))).toEqual([])
    expect(r.panic.name).toBe('WasmAbortError')
    expect(r.next).toEqual({ ok: true, value: 3 })
  })

  it("wasm: 'asset' (default) emits the .wasm once beside the bundle", async () => {
    const { bundle: b } = await runFixtureScenario(bundler, 'abort', 'bundler', 'policy')
    expect(readdirSync(b.dir, { recursive: true }).map(String).filter((f) => f.endsWith('.wasm'))).toHaveLength(1)
  })

  it('a dead generation is never entered again: no call reaches its raw exports', async () => {
    const { result: r, stderr } = await runFixtureScenario(bundler, 'abort', 'bundler', 'dead-generation', { preload: 'fuzz/instances.mjs' })
    expect(r, stderr).toBeDefined()
    expect(r.outcomes).toEqual(Array(20).fill([true, 'WasmAbortError']).flat())
    // 21 that served calls, and the next one, made in idle time after the last recovery (runtime
    // standby.ts), which nothing enters (its start included) until it takes over
    expect(r.instances).toBe(22)
    // every instance but the live one died, and none saw a call afterwards
    expect(r.afterDeath.slice(0, 20)).toEqual(Array(20).fill(0))
    expect(r.callsPerInstance.slice(0, 21).every((n: number) => n > 0)).toBe(true)
    expect(r.callsPerInstance[21]).toBe(0)
  })

  it('each bundle holds one runtime copy, shared by every glue module and the app', async () => {
    const entry = writeEntry(
      'two-modules',
      `import * as a from ${JSON.stringify(fixtureGlue('abort', 'bundler'))}
import * as u from ${JSON.stringify(fixtureGlue('unwind', 'bundler'))}
import { recoveryStats } from '@wasm-recovery/runtime'
console.log('RESULT:' + JSON.stringify({ a: a.add(1, 1), u: u.add(2, 2), n: recoveryStats().length }))`,
    )
    const b = await bundle(bundler, 'two-modules', entry)
    const code = readFileSync(b.file, 'utf8')
    // (text the runtime writes once: in its abort message)
    expect(code.match(/aborted in generation/g)).toHaveLength(1)
    expect((await runNode(b.file)).result).toEqual({ a: 2, u: 4, n: 2 })
  })
})

/** Our fixture's glue of `target`, edited by `edit`, in a folder of its own (with its .wasm); its path. */
function glueWith(name: string, target: 'web' | 'nodejs', edit: (code: string) => string): string {
  const dir = join(OUT_DIR, name)
  mkdirSync(dir, { recursive: true })
  const glue = fixtureGlue('abort', target)
  copyFileSync(glue.replace(/\.js$/, '_bg.wasm'), join(dir, 'wr_fixture_bg.wasm'))
  writeFileSync(join(dir, 'package.json'), target === 'web' ? '{"type":"module"}' : '{"type":"commonjs"}')
  writeFileSync(join(dir, 'wr_fixture.js'), edit(readFileSync(glue, 'utf8')))
  return join(dir, 'wr_fixture.js')
}

describe.each(BUNDLERS)('glue ending in a line comment without a newline (@lit-protocol/wasm 8: `//# sourceMappingURL=…`), with %s', (bundler) => {
  // before: what the rewrite appends became part of that comment ("Unexpected }")
  it.each(['nodejs', 'web'] as const)('%s target', async (target) => {
    const glue = glueWith(`no-final-newline-${target}`, target, (code) => code.trimEnd() + '\n//# sourceMappingURL=wr_fixture.js.map')
    const entry = writeEntry(`no-final-newline-${target}`, `import ${target === 'web' ? 'init, ' : ''}{ add, panic_now } from ${JSON.stringify(glue)}
${target === 'web' ? 'await init()\n' : ''}let panic
try { panic_now('x') } catch (e) { panic = e.name }
console.log('RESULT:' + JSON.stringify({ panic, after: add(2, 3) }))
`)
    const b = await bundle(bundler, `no-final-newline-${target}`, entry, { format: 'esm' })
    const r = await runNode(b.file)
    expect(r.result, r.stderr.slice(-2000)).toEqual({ panic: 'WasmAbortError', after: 5 })
  })
})

describe.each(BUNDLERS)('one class exported under two names (automerge 3.5: `RawString = ImmutableString`), with %s', (bundler) => {
  // before: "TypeError: Cannot redefine property: Symbol(wasm-recovery.class)" at load
  it('loads, both names make working objects, recovers', async () => {
    const glue = glueWith('class-alias', 'web', (code) => code + '\nexport { Counter as CounterAlias };\n')
    const entry = writeEntry('class-alias', `import init, { Counter, CounterAlias, panic_now } from ${JSON.stringify(glue)}
await init()
const held = new CounterAlias(1)
let panic
try { panic_now('x') } catch (e) { panic = e.name }
let stale
try { held.increment() } catch (e) { stale = e.name }
console.log('RESULT:' + JSON.stringify({ same: Counter === CounterAlias, panic, stale, fresh: new CounterAlias(5).increment() }))
`)
    const b = await bundle(bundler, 'class-alias', entry, { format: 'esm' })
    const r = await runNode(b.file)
    expect(r.result, r.stderr.slice(-2000)).toEqual({ same: true, panic: 'WasmAbortError', stale: 'WasmStaleObjectError', fresh: 6 })
  })
})

// `(func (export "answer") (result i32) i32.const 42)`: a module of its own
const ANSWER = [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0, 7, 10, 1, 6, 97, 110, 115, 119, 101, 114, 0, 0, 10, 6, 1, 4, 0, 65, 42, 11]

describe.each(BUNDLERS)('glue that instantiates another wasm module itself (@wasmer/wasi runs the app\'s WASI program through js-sys), with %s', (bundler) => {
  // before: the generation's WebAssembly gave back our cached module for any module or bytes
  it('that module is the real one, sync and async; ours still recovers', async () => {
    const glue = glueWith('foreign-module', 'web', (code) => code + `
export function foreign_sync() {
  const i = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array(${JSON.stringify(ANSWER)})), {});
  return [i instanceof WebAssembly.Instance, i.exports.answer()];
}
export async function foreign_async() {
  const { instance } = await WebAssembly.instantiate(new Uint8Array(${JSON.stringify(ANSWER)}), {});
  const again = await WebAssembly.instantiate(new WebAssembly.Module(new Uint8Array(${JSON.stringify(ANSWER)})), {});
  return [instance.exports.answer(), again.exports.answer()];
}
`)
    const entry = writeEntry('foreign-module', `import init, { add, panic_now, foreign_sync, foreign_async } from ${JSON.stringify(glue)}
await init()
const r = { sync: foreign_sync(), async: await foreign_async() }
try { panic_now('x') } catch (e) { r.panic = e.name }
r.after = add(2, 3)
r.syncAfter = foreign_sync()
console.log('RESULT:' + JSON.stringify(r))
`)
    const b = await bundle(bundler, 'foreign-module', entry, { format: 'esm' })
    const r = await runNode(b.file)
    expect(r.result, r.stderr.slice(-2000)).toEqual({ sync: [true, 42], async: [42, 42], panic: 'WasmAbortError', after: 5, syncAfter: [true, 42] })
  })
})

describe.each(BUNDLERS)('bundles, with %s', (bundler) => {
  it('work where @wasm-recovery/runtime is not resolvable: the plugin brings its own runtime', async () => {
    // glue and entry in a folder with no node_modules anywhere above it, as in an app that installed only an adapter
    const dir = mkdtempSync(join(tmpdir(), 'wr-alone-'))
    cpSync(dirname(fixtureGlue('abort', 'bundler')), join(dir, 'glue'), { recursive: true })
    writeFileSync(join(dir, 'entry.mjs'), `import { add, panic_now } from './glue/wr_fixture.js'\nlet e; try { panic_now('x') } catch (err) { e = err.name }\nconsole.log('RESULT:' + JSON.stringify([e, add(1, 2)]))`)
    const b = await bundle(bundler, 'standalone', join(dir, 'entry.mjs'))
    expect((await runNode(b.file)).result).toEqual(['WasmAbortError', 3])
  })

  it('map the rewritten glue back to its original lines', async () => {
    const glue = fixtureGlue('abort', 'bundler').replace(/\.js$/, '_bg.js')
    const entry = writeEntry('sourcemap', `import { greet } from ${JSON.stringify(fixtureGlue('abort', 'bundler'))}\nconsole.log(greet('x'))`)
    const b = await bundle(bundler, 'sourcemap', entry)
    const out = readFileSync(b.file, 'utf8').split('\n')
    const map = new TraceMap(readFileSync(b.file + '.map', 'utf8'))
    const original = readFileSync(glue, 'utf8').split('\n')
    for (const needle of ['function passStringToWasm0(', 'function getStringFromWasm0(']) {
      const line = out.findIndex((l) => l.includes(needle))
      expect(line, needle).toBeGreaterThan(0)
      const pos = originalPositionFor(map, { line: line + 1, column: out[line].indexOf(needle) + needle.length - 2 })
      expect(pos.source).toMatch(/abort\/bundler\/wr_fixture_bg\.js$/)
      expect(original[pos.line! - 1]).toContain(needle)
    }
  })
})

describe('glue the plugin does not handle', () => {
  it("Rollup with commonjs() listed first: a warning that names the plugin order (the converted glue is another plugin's)", async () => {
    const { rollup } = await import('rollup')
    const commonjs = (await import('@rollup/plugin-commonjs')).default as unknown as () => import('rollup').Plugin
    const warnings: string[] = []
    const b = await rollup({ input: fixtureGlue('abort', 'nodejs'), plugins: [commonjs(), wasmRecoveryRollup()], onwarn: (w) => void warnings.push(w.message) })
    await b.close()
    expect(warnings.filter((w) => /WASM_RECOVERY_/.test(w))).toEqual([expect.stringMatching(/WASM_RECOVERY_PLUGIN_ORDER.*before commonjs\(\)/)])
  })

  it('lightningcss-wasm (napi-rs, not wasm-bindgen) is left byte-for-byte untouched', async () => {
    const dir = join(TEST_DIR, 'node_modules', 'lightningcss-wasm')
    const plugin = unplugin.raw(undefined, { framework: 'rollup' } as never) as any
    const warnings: unknown[] = []
    const ctx = { warn: (w: unknown) => warnings.push(w), emitFile: () => 'ref' }
    const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => /\.[cm]?js$/.test(f))
    expect(files.length).toBeGreaterThan(0)
    for (const f of files) {
      const code = readFileSync(join(dir, f), 'utf8')
      expect(plugin.transform.handler.call(ctx, code, join(dir, f)), f).toBeNull()
    }
    expect(warnings).toEqual([])
    // and a whole bundle comes out identical with and without the plugin
    const entry = writeEntry('lightningcss', `import init, { transform } from 'lightningcss-wasm'\nconsole.log(typeof init, typeof transform)`)
    const outputs = []
    for (const plugins of [[], [wasmRecoveryEsbuild()]]) {
      const r = await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', write: false, plugins, logLevel: 'silent', outdir: join(OUT_DIR, 'lcss') })
      outputs.push(r.outputFiles.map((o) => o.text).join('\n'))
    }
    expect(outputs[1]).toBe(outputs[0])
  })

  it('minified glue whose .wasm is not beside it at build time: a coded warning, and the bundle works as before', async () => {
    // the nodejs glue minified by esbuild is recognised (test/minified-targets.test.ts protects it);
    // with the .wasm it reads missing at build time there is nothing to embed, so it is left as shipped
    const dir = join(OUT_DIR, 'minified-glue')
    mkdirSync(dir, { recursive: true })
    const glue = fixtureGlue('abort', 'nodejs')
    const min = await esbuild.transform(readFileSync(glue, 'utf8'), { minify: true, format: 'cjs' })
    writeFileSync(join(dir, 'wr_fixture.js'), min.code)
    writeFileSync(join(dir, 'package.json'), '{"type":"commonjs"}')
    const entry = writeEntry('minified', `import m from ${JSON.stringify(join(dir, 'wr_fixture.js'))}\nconsole.log('RESULT:' + JSON.stringify(m.add(2, 3)))`)
    for (const bundler of BUNDLERS) {
      const b = await bundle(bundler, 'minified', entry, { format: 'cjs' })
      expect(b.warnings.map((w) => w.code ?? w.message).join('\n')).toMatch(/WASM_RECOVERY_NO_WASM/)
      copyFileSync(glue.replace(/\.js$/, '_bg.wasm'), join(b.dir, 'wr_fixture_bg.wasm'))
      expect((await runNode(b.file)).result).toBe(5)
    }
  })

  it('glue re-bundled into a larger file (esbuild output): a coded warning, left as it is', async () => {
    const dir = join(OUT_DIR, 'rebundled-glue')
    mkdirSync(dir, { recursive: true })
    const glue = fixtureGlue('abort', 'nodejs')
    // the nodejs glue bundled together with a small CommonJS helper module, unminified
    writeFileSync(join(dir, 'helper.cjs'), 'module.exports = { twice: (x) => 2 * x }')
    writeFileSync(join(dir, 'main.cjs'), `const g = require(${JSON.stringify(glue)}); const h = require('./helper.cjs'); module.exports = { add: (a, b) => h.twice(g.add(a, b)) }`)
    await esbuild.build({ entryPoints: [join(dir, 'main.cjs')], bundle: true, platform: 'node', format: 'cjs', outfile: join(dir, 'wr_fixture.js'), logLevel: 'silent' })
    writeFileSync(join(dir, 'package.json'), '{"type":"commonjs"}')
    copyFileSync(glue.replace(/\.js$/, '_bg.wasm'), join(dir, 'wr_fixture_bg.wasm'))
    const entry = writeEntry('rebundled', `import m from ${JSON.stringify(join(dir, 'wr_fixture.js'))}\nconsole.log('RESULT:' + JSON.stringify(m.add(2, 3)))`)
    const b = await bundle('esbuild', 'rebundled', entry, { format: 'cjs' })
    expect(b.warnings.map((w) => w.code ?? w.message).join('\n')).toMatch(/WASM_RECOVERY_UNRECOGNISED/)
  })

  it("a package's own loader that hands over an instance (tiktoken's CommonJS entry under Node's conditions)", async () => {
    const entry = writeEntry('tiktoken-cjs', `import { get_encoding } from 'tiktoken'
const enc = get_encoding('gpt2')
let name; try { enc.decode(new Uint32Array([999999999])) } catch (e) { name = e.name }
console.log('RESULT:' + JSON.stringify([name, get_encoding('gpt2').encode('hello world').length]))`)
    const dir = join(OUT_DIR, 'tiktoken-cjs')
    await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: join(dir, 'entry.cjs'), plugins: [wasmRecoveryEsbuild()], logLevel: 'silent' })
    expect((await runNode(join(dir, 'entry.cjs'))).result).toEqual(['WasmAbortError', 2])
  })
})
