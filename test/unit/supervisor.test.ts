// The Supervisor's state machine on its own: a real (hand-assembled, 47-byte) wasm module with one
// export that answers and one that traps, driven through the runtime's protocol entry the way the
// emitted glue drives it — no bundler, no child process. Abort → fresh generation, the breaker,
// poison, stale objects, reset.
import { createSupervisor, WebInit, type ModuleSpec, type Supervisor } from '@wasm-recovery/runtime/internal'
import { onRecovery, ready, recoveryStats, resetModule, WasmAbortError, WasmStaleObjectError, WasmUnavailableError, type RecoveryEvent } from '@wasm-recovery/runtime'
import { afterAll, describe, expect, it } from 'vitest'

// (module (func (export "ok") (result i32) i32.const 1) (func (export "boom") (result i32) unreachable))
const WASM = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f,
  0x03, 0x03, 0x02, 0x00, 0x00,
  0x07, 0x0d, 0x02, 0x02, 0x6f, 0x6b, 0x00, 0x00, 0x04, 0x62, 0x6f, 0x6f, 0x6d, 0x00, 0x01,
  0x0a, 0x0a, 0x02, 0x04, 0x00, 0x41, 0x01, 0x0b, 0x03, 0x00, 0x00, 0x0b,
])

let n = 0
const events: RecoveryEvent[] = []
const off = onRecovery((e) => void events.push(e))
afterAll(() => off())

/** A module the way a `self`-binding glue (nodejs target) hands it over; calls go through `through`. */
function module(spec: Partial<ModuleSpec> = {}) {
  const name = `unit_${++n}`
  const sup: Supervisor = createSupervisor({
    name,
    bind: 'self',
    source: { load: async () => new WebAssembly.Module(WASM), loadSync: () => new WebAssembly.Module(WASM) },
    // the glue body: instantiates itself through the context, exports plain functions and a class
    factory: (ctx) => {
      const { exports } = ctx.instantiate({})
      class Thing {
        get value() { return exports.ok() }
      }
      return { ok: () => exports.ok(), boom: () => exports.boom(), Thing }
    },
    classes: ['Thing'],
    maxConsecutiveAborts: 3,
    ...spec,
  })
  sup.start()
  const call = (f: 'ok' | 'boom') => sup.through(f, [], (g) => g.ns[f]())
  const stats = () => recoveryStats().find((s) => s.module === name)!
  const mine = () => events.filter((e) => e.module === name).map((e) => e.type)
  return { sup, name, call, stats, mine }
}

describe('a live module', () => {
  it('starts synchronously when the Module can be had synchronously, and answers', () => {
    const m = module()
    expect(m.stats()).toMatchObject({ state: 'live', generation: 0, aborts: 0 })
    expect(m.call('ok')).toBe(1)
  })
})

describe('abort → fresh generation (policy reinit)', () => {
  it('the failing call gets WasmAbortError; the next call meets generation 1', () => {
    const m = module()
    expect(() => m.call('boom')).toThrow(WasmAbortError)
    expect(m.stats()).toMatchObject({ state: 'live', generation: 1, aborts: 1, reinits: 1 })
    expect(m.call('ok')).toBe(1)
    expect(m.mine()).toEqual(['abort', 'reinit'])
  })

  it('an abort no guard of ours catches (a raw export called directly) settles in a microtask, or sooner at the next entry', async () => {
    const m = module()
    const raw = () => m.sup.current.ns.boom()
    expect(raw).toThrow(WasmAbortError)
    expect(m.mine()).toEqual([])
    expect(m.sup.current.id).toBe(0)
    await Promise.resolve()
    expect(m.mine()).toEqual(['abort', 'reinit'])
    expect(m.sup.current.id).toBe(1)
    expect(raw).toThrow(WasmAbortError)
    // a call in the same task: the abort's event, then its recovery, then the call
    expect(m.call('ok')).toBe(1)
    expect(m.mine()).toEqual(['abort', 'reinit', 'abort', 'reinit'])
    await Promise.resolve()
    expect(m.mine()).toHaveLength(4)
  })

  it('an object of the dead generation fails typed, a new one works', () => {
    const m = module()
    const Thing = m.sup.facadeClass('Thing', []) as new () => { value: number }
    const old = new Thing()
    expect(old.value).toBe(1)
    expect(() => m.call('boom')).toThrow(WasmAbortError)
    expect(() => old.value).toThrow(WasmStaleObjectError)
    expect(new Thing().value).toBe(1)
    expect(old instanceof Thing).toBe(true)
  })
})

describe('exported classes', () => {
  it("the app's class and each generation's are one: what the app adds to its prototype reaches every instance, `constructor` is it", () => {
    const m = module()
    const Thing = m.sup.facadeClass('Thing', []) as any
    Thing.prototype.describe = function (this: { value: number }) { return `thing ${this.value}` }
    const t = new Thing()
    expect(t.describe()).toBe('thing 1')
    expect(t.constructor).toBe(Thing)
    expect(t).toBeInstanceOf(Thing)
    expect(() => m.call('boom')).toThrow(WasmAbortError)
    // a class of the next generation too
    const u = new Thing()
    expect(u.describe()).toBe('thing 1')
    expect(u.constructor).toBe(Thing)
    expect(() => t.describe()).toThrow(WasmStaleObjectError)
  })
})

describe('async exports', () => {
  it('one that traps before its first await: its rejected Promise reports the abort, never a TypeError, never unhandled', async () => {
    const m = module()
    const g = m.sup.current
    expect(() => m.call('boom')).toThrow(WasmAbortError)
    const unhandled: unknown[] = []
    const on = (e: unknown) => void unhandled.push(e)
    process.on('unhandledRejection', on)
    try {
      // what the glue's `async write() { … }` returns once the trap killed its generation (html-rewriter-wasm)
      const r = g.track(Promise.reject(g.abortError))
      await expect(r).rejects.toBeInstanceOf(WasmStaleObjectError)
      await new Promise((done) => setTimeout(done, 20))
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', on)
    }
  })
})

describe('the circuit breaker', () => {
  it('trips after maxConsecutiveAborts in a row; resetModule clears it', async () => {
    const m = module()
    for (let i = 0; i < 3; i++) expect(() => m.call('boom')).toThrow(WasmAbortError)
    expect(m.stats().state).toBe('poisoned')
    expect(() => m.call('ok')).toThrow(WasmUnavailableError)
    expect(m.mine()).toContain('poisoned')
    await resetModule(m.name)
    expect(m.stats().state).toBe('live')
    expect(m.call('ok')).toBe(1)
  })

  it('a successful call ends the streak', () => {
    const m = module()
    for (let i = 0; i < 6; i++) {
      expect(() => m.call('boom')).toThrow(WasmAbortError)
      if (i % 2) expect(m.call('ok')).toBe(1)
    }
    expect(m.stats()).toMatchObject({ state: 'live', aborts: 6 })
  })

  it('0 disables it', () => {
    const m = module({ maxConsecutiveAborts: 0 })
    for (let i = 0; i < 10; i++) expect(() => m.call('boom')).toThrow(WasmAbortError)
    expect(m.stats()).toMatchObject({ state: 'live', aborts: 10 })
  })
})

describe('policy poison', () => {
  it('the first abort makes the module unavailable until reset', async () => {
    const m = module({ policy: 'poison' })
    expect(() => m.call('boom')).toThrow(WasmAbortError)
    expect(m.stats().state).toBe('poisoned')
    const e = (() => { try { m.call('ok') } catch (x) { return x } })()
    expect(e).toBeInstanceOf(WasmUnavailableError)
    expect((e as WasmUnavailableError).reason).toBe('poisoned')
    await resetModule(m.name)
    expect(m.call('ok')).toBe(1)
  })
})

describe('loading asynchronously', () => {
  it("calls before the first instance is live are refused 'recovering'", async () => {
    const name = `unit_async_${++n}`
    const sup = createSupervisor({
      name,
      bind: 'self',
      source: { load: async () => new WebAssembly.Module(WASM) },
      factory: (ctx) => {
        const { exports } = ctx.instantiate({})
        return { ok: () => exports.ok() }
      },
    })
    const started = sup.start()
    expect(() => sup.through('ok', [], (g) => g.ns.ok())).toThrow(WasmUnavailableError)
    await started
    expect(sup.through('ok', [], (g) => g.ns.ok())).toBe(1)
  })

  it('ready(name) waits for a recovery that instantiates asynchronously (a big module on a main thread)', async () => {
    // what a browser page is to the runtime: synchronous instantiation of a module this big is refused there
    const g = globalThis as Record<string, unknown>
    g.document = {}
    g.window = g
    try {
      // web-target glue with only its async init: a fresh generation is bound a task later
      const m = module({
        bind: 'init',
        WebInit,
        wasmSize: 9 * 1024 * 1024,
        factory: (ctx) => {
          let x: any
          return { __wbr_init: async (mod: WebAssembly.Module) => void (x = (await ctx.WebAssembly.instantiate(mod, {})).exports), ok: () => x.ok(), boom: () => x.boom() }
        },
      })
      await m.sup.init(undefined)
      expect(m.call('ok')).toBe(1)
      expect(() => m.call('boom')).toThrow(WasmAbortError)
      expect(() => m.call('ok')).toThrow(WasmUnavailableError)
      expect(m.stats().state).toBe('recovering')
      await ready(m.name)
      expect(m.stats().state).toBe('live')
      expect(m.call('ok')).toBe(1)
    } finally {
      delete g.document
      delete g.window
    }
  })
})
