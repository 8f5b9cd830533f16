// Per-call overhead: raw glue, the same glue rewritten by the plugin, and the JS Proxy wrapper users
// write today (the approach of workers-rs 0.6). Run as a child process by run.mjs.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { compare, forwarding, guardOnly, proxied } from './measure.mjs'

const require = createRequire(import.meta.url)

// panic hooks print to console.error on every abort: keep the measurement's output readable
console.error = () => {}
const [rawFixture, wrappedFixture, rawPhoton, wrappedPhoton, rawTiktoken, wrappedTiktoken, wrappedAfter, wrappedSupplied, fixtureWasm, wrappedWeb, rawWebGlue] = process.argv.slice(2)

const fixtureRaw = require(rawFixture)
const fixtureWrapped = require(wrappedFixture)
const fixtureProxy = proxied(fixtureRaw)
// the floors (see measure.mjs): the glue's own functions over guarded exports, and bare forwarding
const fixtureGuard = guardOnly(require, rawFixture)
const photonGuard = guardOnly(require, rawPhoton)
const fwdAdd = forwarding(fixtureRaw, 'add')
// an app that has recovered a few times: each panic makes a new generation (new closures, a new instance)
const RECOVERIES = 6
const fixtureAfter = require(wrappedAfter)
for (let i = 0; i < RECOVERIES; i++) {
  try { fixtureAfter.panic_now('x') } catch {}
  if (fixtureAfter.add(i, 1) !== i + 1) throw new Error('fixture-after: no recovery')
}
// the web glue bundled without its .wasm in sight: no export guards generated, the app supplies the bytes.
// Web glue is an ES module and bundled as one: a CommonJS bundle of it reads every export through the
// getter esbuild defines for it (~12 ns a call), which is the bundle format's cost, not ours
const fixtureSupplied = await import(wrappedSupplied)
fixtureSupplied.initSync({ module: readFileSync(fixtureWasm) })
// the web glue with its .wasm in sight: an ES module, so its exports are tree-shakeable parts
const fixtureWeb = await import(wrappedWeb)
fixtureWeb.initSync({ module: readFileSync(fixtureWasm) })
const ctrWeb = new fixtureWeb.Counter(1)
// their baseline: the same web glue, untouched, imported as the ES module it is
const webRaw = await import(rawWebGlue)
webRaw.initSync({ module: readFileSync(fixtureWasm) })
const ctrWebRaw = new webRaw.Counter(1)
const photonRaw = require(rawPhoton)
const photonWrapped = require(wrappedPhoton)
const tiktokenRaw = require(rawTiktoken)
const tiktokenWrapped = await import(wrappedTiktoken)

const pixels = (w, h) => new Uint8Array(w * h * 4).map((_, i) => (i * 7) & 255)
const ctrRaw = new fixtureRaw.Counter(1)
const ctrWrapped = new fixtureWrapped.Counter(1)
const ctrProxy = proxied(ctrRaw)
const ctrGuard = new fixtureGuard.Counter(1)
const imgRaw = new photonRaw.PhotonImage(pixels(4, 4), 4, 4)
const imgWrapped = new photonWrapped.PhotonImage(pixels(4, 4), 4, 4)
const imgProxy = proxied(imgRaw)
const imgGuard = new photonGuard.PhotonImage(pixels(4, 4), 4, 4)
const bigRaw = new photonRaw.PhotonImage(pixels(256, 256), 256, 256)
const bigWrapped = new photonWrapped.PhotonImage(pixels(256, 256), 256, 256)
const photonProxy = proxied(photonRaw)
const encRaw = tiktokenRaw.get_encoding('gpt2')
const encWrapped = tiktokenWrapped.get_encoding('gpt2')
const encProxy = proxied(encRaw)
const short = 'hello world, how are you?'
const text = 'The quick brown fox jumps over the lazy dog. '.repeat(250)

const results = {
  'trivial: fixture add(a, b)': compare(
    { raw: (i) => fixtureRaw.add(i, 1), wrapped: (i) => fixtureWrapped.add(i, 1), proxy: (i) => fixtureProxy.add(i, 1), guardOnly: (i) => fixtureGuard.add(i, 1), forward: (i) => fwdAdd(i, 1) },
    { base: 'raw', calls: 1_000_000 },
  ),
  [`trivial: fixture add(a, b), after ${RECOVERIES} recoveries`]: compare(
    { raw: (i) => fixtureRaw.add(i, 1), wrapped: (i) => fixtureAfter.add(i, 1), proxy: (i) => fixtureProxy.add(i, 1) },
    { base: 'raw', calls: 1_000_000 },
  ),
  'trivial: fixture add(a, b), wasm supplied at run time (web glue)': compare(
    { raw: (i) => webRaw.add(i, 1), wrapped: (i) => fixtureSupplied.add(i, 1), proxy: (i) => fixtureProxy.add(i, 1) },
    { base: 'raw', calls: 1_000_000 },
  ),
  'trivial: fixture add(a, b), web glue (its exports as tree-shakeable parts)': compare(
    { raw: (i) => webRaw.add(i, 1), wrapped: (i) => fixtureWeb.add(i, 1), proxy: (i) => fixtureProxy.add(i, 1) },
    { base: 'raw', calls: 1_000_000 },
  ),
  'trivial: fixture counter.increment(), web glue (its exports as tree-shakeable parts)': compare(
    { raw: () => ctrWebRaw.increment(), wrapped: () => ctrWeb.increment(), proxy: () => ctrProxy.increment() },
    { base: 'raw', calls: 1_000_000 },
  ),
  'trivial: fixture counter.value (getter)': compare(
    { raw: () => ctrRaw.value, wrapped: () => ctrWrapped.value, proxy: () => ctrProxy.value, guardOnly: () => ctrGuard.value },
    { base: 'raw', calls: 1_000_000 },
  ),
  'trivial: fixture counter.increment() (method on an object)': compare(
    { raw: () => ctrRaw.increment(), wrapped: () => ctrWrapped.increment(), proxy: () => ctrProxy.increment(), guardOnly: () => ctrGuard.increment() },
    { base: 'raw', calls: 1_000_000 },
  ),
  'trivial: photon img.get_width() (method on an object)': compare(
    { raw: () => imgRaw.get_width(), wrapped: () => imgWrapped.get_width(), proxy: () => imgProxy.get_width(), guardOnly: () => imgGuard.get_width() },
    { base: 'raw', calls: 1_000_000 },
  ),
  '~1 µs: tiktoken encode (short string)': compare(
    { raw: () => encRaw.encode(short).length, wrapped: () => encWrapped.encode(short).length, proxy: () => encProxy.encode(short).length },
    { base: 'raw', calls: 20_000 },
  ),
  'heavy: photon grayscale 256×256': compare(
    { raw: () => photonRaw.grayscale(bigRaw), wrapped: () => photonWrapped.grayscale(bigWrapped), proxy: () => photonProxy.grayscale(bigRaw) },
    { base: 'raw', calls: 200 },
  ),
  'heavy: tiktoken encode 11 KB': compare(
    { raw: () => encRaw.encode(text).length, wrapped: () => encWrapped.encode(text).length, proxy: () => encProxy.encode(text).length },
    { base: 'raw', calls: 30 },
  ),
}
console.log('RESULT:' + JSON.stringify(results))
