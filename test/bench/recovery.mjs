// Recovery latency: abort → fresh instance live, against the physical floor (a bare
// `new WebAssembly.Instance` of the cached Module) and against recompiling from bytes.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { compileFunction } from 'node:vm'
import { summary } from './measure.mjs'

const require = createRequire(import.meta.url)

// panic hooks print to console.error on every abort: keep the measurement's output readable
console.error = () => {}
const [fixture, fixtureWasm, automerge, automergeWasm, tiktoken, tiktokenWasm, biome, biomeWasm, rawFixture, rawAutomerge] = process.argv.slice(2)
const reinits = []
const watch = (m) => m.runtime.onRecovery((e) => e.type === 'reinit' && reinits.push(e.durationMs))

function stubImports(module) {
  const imports = {}
  for (const i of WebAssembly.Module.imports(module)) (imports[i.module] ??= {})[i.name] = () => {}
  return imports
}

function floors(bytes, n, nCompile) {
  const module = new WebAssembly.Module(bytes)
  const imports = stubImports(module)
  const bare = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    new WebAssembly.Instance(module, imports)
    bare.push(performance.now() - t)
  }
  const recompile = []
  for (let i = 0; i < nCompile; i++) {
    const t = performance.now()
    new WebAssembly.Instance(new WebAssembly.Module(bytes), imports)
    recompile.push(performance.now() - t)
  }
  return { bare: summary(bare), recompile: summary(recompile) }
}

/**
 * The floor of a fresh glue state: the raw CommonJS glue's body run again, without us, with the cached
 * Module (the body compiled once as a function; its read of the .wasm and its compile answered from
 * memory). Any recovery that rebuilds the glue's state (memory views, heap, finalizers, closures) pays
 * this; it includes the module's start function, as our reinit does. Returns a function timing one run.
 */
function glueRerun(glueFile, wasmFile) {
  const bytes = readFileSync(wasmFile)
  const cached = new WebAssembly.Module(bytes)
  const body = compileFunction(readFileSync(glueFile, 'utf8'), ['exports', 'require', 'module', '__filename', '__dirname'], { filename: glueFile })
  const real = createRequire(glueFile)
  const fs = { readFileSync: () => bytes }
  const req = (id) => (id === 'fs' || id === 'node:fs' ? fs : real(id))
  return () => {
    const Module = WebAssembly.Module
    WebAssembly.Module = function () { return cached }
    try {
      const module = { exports: {} }
      const t = performance.now()
      body(module.exports, req, module, glueFile, dirname(glueFile))
      return performance.now() - t
    } finally {
      WebAssembly.Module = Module
    }
  }
}

/** The supervisor the bundle of module `name` registered (run.mjs's runtime shim; read only). */
function supervisor(name) {
  const s = (globalThis[Symbol.for('wasm-recovery.bench')] ?? []).findLast((x) => x.name === name)
  if (!s) throw new Error(`no supervisor registered for ${name}`)
  return s
}
const idleTurn = () => new Promise((r) => setTimeout(r, 5))

/**
 * One series of `n` abort cycles; `idle`: the event loop turns before each (untimed), as between an app's
 * events. `floor`: times one bare instantiation after each cycle (untimed there), so that each reinit has
 * its floor from the same moment of the machine: the ratio is paired round by round.
 */
async function series(cycle, n, prepare, idle, floor, glueFloor) {
  reinits.length = 0
  const endToEnd = []
  const floors = []
  const glueFloors = []
  for (let i = 0; i < n; i++) {
    await prepare()
    if (idle) await idleTurn()
    const t = performance.now()
    await cycle()
    endToEnd.push(performance.now() - t)
    if (floor) floors.push(floor())
    if (glueFloor) glueFloors.push(glueFloor())
  }
  const mine = reinits.slice(-n)
  const pair = (xs) => (xs.length === mine.length && mine.length ? summary(mine.map((v, i) => v / xs[i])) : undefined)
  return { reinit: summary(mine), endToEnd: summary(endToEnd), paired: pair(floors), pairedGlue: pair(glueFloors), glue: glueFloors.length ? summary(glueFloors) : undefined }
}

/** Times one bare `new WebAssembly.Instance` of the module (stub imports, no start): the floor. */
function bareOnce(module, imports) {
  const t = performance.now()
  new WebAssembly.Instance(module, imports)
  return performance.now() - t
}

async function measure(name, module, bytesFile, cycle, n, nCompile, prepare = () => {}, rawGlue) {
  // back to back: no turn of the event loop between the aborts, so every reinit makes its generation
  const compiled = new WebAssembly.Module(readFileSync(bytesFile))
  const stubs = stubImports(compiled)
  const backToBack = await series(cycle, n, prepare, false, () => bareOnce(compiled, stubs), rawGlue && glueRerun(rawGlue, bytesFile))
  // the event loop idle between them: the runtime makes the next generation then (runtime standby.ts)
  const sup = supervisor(module)
  const before = { made: sup.standby.made, ms: sup.standby.ms }
  const idle = await series(cycle, n, prepare, true, () => bareOnce(compiled, stubs))
  const made = sup.standby.made - before.made
  idle.made = made
  idle.idleMs = made ? (sup.standby.ms - before.ms) / made : 0
  const floor = floors(readFileSync(bytesFile), n, nCompile)
  return { name, size: readFileSync(bytesFile).length, ...backToBack, idle, ...floor }
}

const out = []
const f = require(fixture)
watch(f)
out.push(await measure('own fixture (64 KB)', 'wr_fixture', fixtureWasm, () => {
  try { f.panic_now('x') } catch {}
  f.add(1, 2)
}, 200, 30, undefined, rawFixture))

const am = require(automerge)
watch(am)
out.push(await measure('automerge (1.8 MB)', 'automerge_wasm', automergeWasm, () => {
  const doc = am.create()
  try { doc.isolate(['00'.repeat(32)]); doc.put('_root', 'b', 2); doc.commit() } catch {}
  am.create().put('_root', 'a', 1)
}, 100, 20, undefined, rawAutomerge))

const tk = await import(tiktoken)
watch(tk)
// the encoder of the dead generation is stale: each round makes a new one, outside the timed part
let enc
out.push(await measure('tiktoken (5.6 MB)', 'tiktoken', tiktokenWasm, async () => {
  try { enc.decode(new Uint32Array([999999999])) } catch {}
  tk.get_encoding_name_for_model('gpt2')
}, 40, 10, () => { enc = tk.get_encoding('gpt2') }))

// biome's trigger (deep input) takes seconds per round: resetModule runs the same recovery path
const biomeMod = await import(biome)
biomeMod.initSync()
watch(biomeMod)
out.push(await measure('biome (35 MB)', 'biome_wasm', biomeWasm, () => biomeMod.runtime.resetModule('biome_wasm'), 12, 4))
console.log('RESULT:' + JSON.stringify(out))
