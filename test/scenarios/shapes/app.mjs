// What an app does with a package of one of the shapes (test/helpers/shapes.ts): every failure mode of the
// fixture crate, through whatever init the package offers, with the wasm handed over as `argv[2]` says.
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { events, gcTwice, outcome, uncaught } from '../lib.mjs'

/** The wasm as the app supplies it: a Module, bytes of each kind, a Response (or a Promise of one), a URL. */
async function supplied(kind, file) {
  const bytes = readFileSync(file)
  const response = () => new Response(bytes, { headers: { 'content-type': 'application/wasm' } })
  if (kind === 'module') return new WebAssembly.Module(bytes)
  if (kind === 'buffer') return bytes
  if (kind === 'arraybuffer') return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)
  if (kind === 'uint8array') return new Uint8Array(bytes)
  if (kind === 'response') return response()
  if (kind === 'promise') return Promise.resolve(response())
  if (kind === 'url' || kind === 'string') {
    const server = createServer((_, res) => res.writeHead(200, { 'content-type': 'application/wasm' }).end(bytes))
    await new Promise((r) => server.listen(0, '127.0.0.1', r))
    server.unref()
    const href = `http://127.0.0.1:${server.address().port}/wr_fixture_bg.wasm`
    return kind === 'url' ? new URL(href) : href
  }
  throw new Error(`unknown supply ${kind}`)
}

async function live(name) {
  const { recoveryStats } = await import('@wasm-recovery/runtime')
  for (let i = 0; i < 300; i++) {
    try {
      if (recoveryStats(name).state === 'live') return
    } catch {
      return // not supervised: the package without the plugin
    }
    await new Promise((r) => setTimeout(r, 10))
  }
}

export async function run(m, wasmFile, kind, moduleName) {
  const r = {}
  if (typeof m.initWasm === 'function') r.init = await m.initWasm(supplied(kind, wasmFile)).then(() => 'ok', (e) => `${e.name}: ${e.message}`)
  // a package's own namespace object with an init that brings its wasm (rapier-compat)
  else if (typeof m.init === 'function') r.init = await m.init().then(() => 'ok', (e) => `${e.name}: ${e.message}`)
  r.add = outcome(() => m.add(1, 2))
  r.greet = outcome(() => m.greet('shape'))
  const held = new m.Counter(5)
  r.increment = outcome(() => held.increment())
  r.panic = outcome(() => m.panic_now('boom'))
  await live(moduleName)
  r.afterPanic = outcome(() => m.add(2, 3))
  r.stale = outcome(() => held.increment())
  r.staleFree = outcome(() => held.free())
  r.fresh = outcome(() => new m.Counter(1).increment())
  r.callback = outcome(() => m.call_callback((x) => x + 1, 41))
  r.oom = outcome(() => m.alloc_huge(3_000_000_000))
  await live(moduleName)
  r.afterOom = outcome(() => m.add(20, 22))
  if (typeof m.initWasm === 'function') r.secondInit = await m.initWasm(supplied(kind, wasmFile)).then(() => 'ok', (e) => e.message)
  await gcTwice()
  r.afterGc = outcome(() => new m.Counter(2).increment())
  r.events = events.map((e) => e.type)
  r.uncaught = uncaught
  return r
}
