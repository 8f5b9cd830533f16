// The Worker that test/workerd.test.ts bundles (esbuild, as wrangler does) and runs in workerd.
// `wr-fixture` is an esbuild alias: our fixture crate's bundler glue (with the plugin), or
// ./fixture-web.js (its web glue, initialised with the imported wasm module: what runs without the plugin).
// Every route answers JSON: `{ ok: true, value, ... }` or, with status 500, `{ ok: false, error }`.
import { DurableObject } from 'cloudflare:workers'
import { Counter, add, async_ok, async_panic, greet, panic_now, start_count } from 'wr-fixture'
import { PhotonImage, crop } from '@silvia-odwyer/photon'
// @cf-wasm/photon's default (workerd) entry: re-bundled web glue, its .wasm imported as a module and
// handed to initSync({ module }) by the package itself
import * as cf from '@cf-wasm/photon'
import * as automerge from '@automerge/automerge-wasm'
import { onRecovery, recoveryStats } from '@wasm-recovery/runtime'

const events = { abort: 0, reinit: 0, poisoned: 0 }
onRecovery((e) => void (events[e.type] = (events[e.type] ?? 0) + 1))

function errorBody(e) {
  return {
    name: e?.name,
    message: String(e?.message ?? e),
    module: e?.module,
    export: e?.export,
    generation: e?.generation,
    panicMessage: e?.panicMessage,
    reason: e?.reason,
    cause: e?.cause ? { name: e.cause.name, message: String(e.cause.message) } : undefined,
  }
}
const json = (body, status = 200) => Response.json(body, { status })
const fail = (e) => json({ ok: false, error: errorBody(e) }, 500)
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

// Module-level state lives as long as the isolate: what a panic used to poison for good.
// Counters and documents by name; each keeps, in JS, what a stale one is rebuilt from.
const counters = new Map() // name → { counter, shadow: last good value }
const docs = new Map() // name → { doc, snapshot: doc.save() after every successful change }

/** Runs fn(); on WasmStaleObjectError rebuilds the object and runs fn() once more. */
function withRebuild(fn, rebuild) {
  try {
    return { value: fn() }
  } catch (e) {
    if (e?.name !== 'WasmStaleObjectError') throw e
    rebuild()
    return { value: fn(), rebuiltAfter: e.name }
  }
}

function photonImage() {
  return new PhotonImage(new Uint8Array(4 * 4 * 4).fill(200), 4, 4)
}

function automergePanic(d) {
  d.isolate(['00'.repeat(32)])
  d.put('_root', 'broken', true)
  d.commit()
}

async function route(url, env) {
  const q = (k, d) => url.searchParams.get(k) ?? d
  const n = (k, d) => Number(q(k, d))
  const [, a, b, c] = url.pathname.split('/')
  switch (a) {
    case 'health':
      return { value: 'ok' }
    case 'add':
      return { value: add(n('a', 1), n('b', 2)) }
    case 'greet':
      return { value: greet(q('name', 'x')) }
    case 'panic':
      panic_now(q('msg', 'boom'))
      return { value: 'did not panic' }
    case 'start-count':
      return { value: start_count() }
    case 'async-ok':
      return { value: await async_ok(n('x', 1)) }
    case 'async-panic':
      return { value: await async_panic(q('msg', 'async boom')) }
    case 'slow-counter': {
      // an object that lives across an await: a panic of another request meanwhile makes it stale
      const local = new Counter(n('n', 0))
      await sleep(n('ms', 5))
      try {
        return { value: local.increment() }
      } finally {
        local.free()
      }
    }
    case 'counter': {
      // /counter/<name>[/panic][?rebuild]
      let entry = counters.get(b)
      if (!entry) counters.set(b, (entry = { counter: new Counter(0), shadow: 0 }))
      if (c === 'panic') {
        entry.counter.panic_in_mut()
        return { value: 'did not panic' }
      }
      if (!url.searchParams.has('rebuild')) return { value: (entry.shadow = entry.counter.increment()) }
      return withRebuild(
        () => (entry.shadow = entry.counter.increment()),
        () => void (entry.counter = new Counter(entry.shadow)),
      )
    }
    case 'photon': {
      // a 4×4 image; cropping 50×50 out of it panics inside Rust
      const img = photonImage()
      try {
        const out = b === 'panic' ? crop(img, 0, 0, 50, 50) : crop(img, 0, 0, n('w', 2), n('h', 2))
        try {
          return { value: out.get_width() }
        } finally {
          out.free()
        }
      } finally {
        img.free()
      }
    }
    case 'cfphoton': {
      // the same crop through @cf-wasm/photon: a 4×4 image, 50×50 panics inside Rust
      const img = new cf.PhotonImage(new Uint8Array(4 * 4 * 4).fill(200), 4, 4)
      const out = b === 'panic' ? cf.crop(img, 0, 0, 50, 50) : cf.crop(img, 0, 0, n('w', 2), n('h', 2))
      return { value: out.get_width() }
    }
    case 'automerge': {
      // /automerge/<name>/(get|put|panic)
      let d = docs.get(b)
      const fresh = () => (d.snapshot ? automerge.load(d.snapshot) : automerge.create())
      if (!d) docs.set(b, (d = { doc: undefined, snapshot: undefined }))
      d.doc ??= fresh()
      if (c === 'panic') {
        automergePanic(d.doc)
        return { value: 'did not panic' }
      }
      if (c === 'undo') {
        // under policy 'rollback' a failed commit() leaves the doc as it was before it: isolated, with
        // the put still pending; the app drops them
        d.doc.rollback()
        d.doc.integrate()
        return { value: d.doc.materialize('_root') }
      }
      if (c === 'put') {
        const r = withRebuild(
          () => {
            d.doc.put('_root', q('key', 'k'), q('value', 'v'))
            d.doc.commit()
            return d.doc.materialize('_root')
          },
          () => void (d.doc = fresh()),
        )
        d.snapshot = d.doc.save()
        return r
      }
      return withRebuild(() => d.doc.materialize('_root'), () => void (d.doc = fresh()))
    }
    case 'compile-bytes': {
      // the constraint behind loading the .wasm as a module: workerd refuses to compile bytes here
      const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])
      try {
        new WebAssembly.Module(bytes)
        return { value: 'compiled' }
      } catch (e) {
        return { ok: false, error: errorBody(e) }
      }
    }
    case 'stats':
      return { value: recoveryStats(), events }
    case 'do': {
      const stub = env.COUNTERS.get(env.COUNTERS.idFromName(b ?? 'x'))
      return await (await stub.fetch(new Request(`https://do/${c ?? 'value'}${url.search}`))).json()
    }
  }
  throw new Error(`no route ${url.pathname}`)
}

export default {
  async fetch(request, env) {
    try {
      const r = await route(new URL(request.url), env)
      return r.ok === false ? json(r, 500) : json({ ok: true, ...r })
    } catch (e) {
      return fail(e)
    }
  },
}

/**
 * A Durable Object holding a wasm-bindgen object (the fixture's `Counter`) whose value is persisted.
 * After a panic (here `panic_in_mut()`, which panics while `&mut self` is borrowed) the in-memory
 * Counter belongs to a dead instance: its next use throws WasmStaleObjectError; the object rebuilds
 * it from storage and retries.
 */
export class CounterObject extends DurableObject {
  #counter
  #loads = 0

  async #rebuild() {
    this.#counter?.free()
    this.#counter = new Counter((await this.ctx.storage.get('value')) ?? 0)
    this.#loads++
  }

  async #with(fn) {
    if (!this.#counter) await this.#rebuild()
    try {
      return { value: fn(this.#counter) }
    } catch (e) {
      if (e?.name !== 'WasmStaleObjectError') throw e
      await this.#rebuild()
      return { value: fn(this.#counter), rebuiltAfter: e.name }
    }
  }

  async fetch(request) {
    const op = new URL(request.url).pathname.slice(1)
    try {
      let r
      if (op === 'increment') {
        r = await this.#with((c) => c.increment())
        await this.ctx.storage.put('value', r.value)
      } else if (op === 'panic') {
        r = await this.#with((c) => c.panic_in_mut())
      } else {
        r = await this.#with((c) => c.value)
      }
      return json({ ok: true, ...r, loads: this.#loads })
    } catch (e) {
      return json({ ok: false, error: errorBody(e), loads: this.#loads })
    }
  }
}
