// A Worker and a Durable Object running Rust compiled to WebAssembly with wasm-bindgen.
// The Rust here is automerge (`@automerge/automerge-wasm`); your own crate (wasm-pack, any target) is
// used the same way. Built by build.mjs with @wasm-recovery/esbuild, a Rust panic becomes a typed
// `WasmAbortError` and the next call runs on a fresh instance; objects the dead instance made throw
// `WasmStaleObjectError`, and the Durable Object below rebuilds its document from storage.
import { DurableObject } from 'cloudflare:workers'
import { create, load } from '@automerge/automerge-wasm'
import { onRecovery, recoveryStats } from '@wasm-recovery/runtime'

/** Every abort and every fresh instance, as a log line (visible in `wrangler tail` / workerd's output). */
const recoveries = []
onRecovery((e) => {
  recoveries.push({ type: e.type, module: e.module, export: e.export, generation: e.generation, durationMs: e.durationMs, reason: e.reason })
  if (recoveries.length > 100) recoveries.shift()
  console.log(`[wasm-recovery] ${e.type} ${e.module} ${e.export ?? ''} generation ${e.generation}${e.type === 'rollback-failed' ? `: ${e.reason}` : ''}`)
})

/** A real automerge panic: committing a change whose dependency is not in the document. */
function panicOn(doc) {
  doc.isolate(['00'.repeat(32)])
  doc.put('_root', 'broken', true)
  doc.commit() // panics inside Rust: "Change's deps should already be in the document"
}

/** The public fields of an error, for the response body. */
function errorBody(e) {
  return { name: e?.name, message: String(e?.message ?? e), module: e?.module, export: e?.export, generation: e?.generation, panicMessage: e?.panicMessage }
}

const json = (body, status = 200) => Response.json(body, { status })
const fail = (e) => json({ ok: false, error: errorBody(e) }, 500)

export default {
  async fetch(request, env) {
    const url = new URL(request.url)
    const [, first, name, op = 'get'] = url.pathname.split('/')
    try {
      switch (first) {
        case '':
          return new Response('GET /put?key=k&value=v | /panic | /stats | /docs/<name>[/get|/put?key=k&value=v|/panic]\n')
        case 'put': {
          // stateless: a fresh document per request
          const doc = create()
          try {
            doc.put('_root', url.searchParams.get('key') ?? 'k', url.searchParams.get('value') ?? 'v')
            return json({ ok: true, value: doc.materialize('_root') })
          } finally {
            doc.free() // safe even when the instance was replaced meanwhile (a stale free is a no-op)
          }
        }
        case 'panic': {
          const doc = create()
          panicOn(doc)
          return json({ ok: true, value: 'did not panic' })
        }
        case 'stats':
          return json({ ok: true, stats: recoveryStats(), recoveries })
        case 'docs':
          if (!name) return json({ ok: false, error: { message: 'no document name' } }, 400)
          return env.DOCS.get(env.DOCS.idFromName(name)).fetch(new Request(`https://doc/${op}${url.search}`))
      }
      return json({ ok: false, error: { message: `no route ${url.pathname}` } }, 404)
    } catch (e) {
      return fail(e) // WasmAbortError: the panic of this request; the next request runs on a fresh instance
    }
  },
}

/**
 * One automerge document per object, persisted in Durable Object storage after every change.
 *
 * The pattern: a panic anywhere in this isolate (this object, another object, a stateless request)
 * replaces the wasm instance, and the document held in memory belonged to the old one. Its next use
 * throws `WasmStaleObjectError`: catch it, rebuild the document from durable storage, retry once.
 * The change that panicked was never persisted, so storage holds the last good state.
 */
export class Doc extends DurableObject {
  #doc = undefined
  #loads = 0

  async #rebuild() {
    this.#doc?.free() // a stale object's free() never enters any instance
    const saved = await this.ctx.storage.get('doc')
    this.#doc = saved ? load(saved) : create()
    this.#loads++
  }

  /** Runs `fn(doc)`; on `WasmStaleObjectError`, rebuilds the document from storage and runs it again. */
  async #withDoc(fn) {
    if (!this.#doc) await this.#rebuild()
    try {
      return { value: fn(this.#doc) }
    } catch (e) {
      if (e?.name !== 'WasmStaleObjectError') throw e
      await this.#rebuild()
      return { value: fn(this.#doc), rebuiltAfter: e.name }
    }
  }

  async fetch(request) {
    const url = new URL(request.url)
    const op = url.pathname.slice(1)
    try {
      let r
      if (op === 'put') {
        r = await this.#withDoc((doc) => {
          doc.put('_root', url.searchParams.get('key') ?? 'k', url.searchParams.get('value') ?? 'v')
          doc.commit()
          return doc.materialize('_root')
        })
        await this.ctx.storage.put('doc', this.#doc.save()) // persist only what succeeded
      } else if (op === 'panic') {
        r = await this.#withDoc(panicOn)
      } else {
        r = await this.#withDoc((doc) => doc.materialize('_root'))
      }
      return json({ ok: true, ...r, loads: this.#loads })
    } catch (e) {
      return fail(e)
    }
  }
}
