import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as esbuild from 'esbuild'
import * as vm from 'node:vm'
import { beforeAll, describe, expect, it } from 'vitest'
import { isAbort, isWasmAbort } from '../packages/runtime/src/classify.js'
import { WasmAbortError, WasmStaleObjectError } from '../packages/runtime/src/errors.js'
import { BUNDLERS, OUT_DIR } from './helpers/bundle.js'
import { runFixtureScenario } from './helpers/fixture.js'

// Node 20 cannot parse `using`: the block goes through esbuild's lowering (target es2022), as an app's
// bundler would emit it. The scenario imports the result.
const USING = `
export default function usingPanic(m) {
  using c = new m.Counter(1)
  c.panic_in_mut()
}
export function usingHealthy(m) {
  using c = new m.Counter(1)
  return c.increment()
}
`

beforeAll(() => {
  const dir = join(OUT_DIR, 'lowered')
  mkdirSync(dir, { recursive: true })
  const { code } = esbuild.transformSync(USING, { target: 'es2022', format: 'esm' })
  expect(code).not.toMatch(/\busing c\b/)
  writeFileSync(join(dir, 'errors-using.mjs'), code)
})

const same = (name: unknown) => ({ ok: false, same: true, name, message: expect.any(String) })
const abort = (exportName: string, generation: number, more: object = {}) =>
  expect.objectContaining({ ok: false, name: 'WasmAbortError', module: 'wr_fixture', export: exportName, generation, ...more })

describe.each(BUNDLERS)('thrown values pass through exactly, bundled with %s', (bundler) => {
  it.each(['bundler', 'nodejs'])('target %s', async (target) => {
    const { result: r, code, stderr } = await runFixtureScenario(bundler, 'abort', target, 'errors')
    expect(r, stderr).toBeDefined()
    expect(code).toBe(0)

    // 1. the app's own RuntimeError is its error, not a trap: the instance and its objects stay
    expect(r.ownRuntimeError).toEqual({ ...same('RuntimeError'), message: 'mine' })
    expect(r.heldAfterOwn).toEqual({ ok: true, value: 11 })
    expect(r.statsAfterOwn).toEqual(expect.objectContaining({ generation: 0, aborts: 0 }))
    // a real trap of another realm is one
    expect(r.foreignTrap).toEqual(abort('call_callback', 0, { causeName: 'RuntimeError', causeMessage: 'unreachable', causeIsForeign: true }))
    expect(r.foreignRuntimeErrorObject).toEqual(expect.objectContaining({ ok: false, same: false, name: 'WasmAbortError' }))

    // 2. values that are hard to classify come back as the very value thrown, and abort nothing
    expect(r.revokedProxy).toEqual({ ok: false, same: true, name: '<throws>', message: '<throws>' })
    expect(r.hostileProxy).toEqual({ ok: false, same: true, name: '<throws>', message: '<throws>' })
    expect(r.throwingGetters).toEqual({ ok: false, same: true, name: '<throws>', message: '<throws>' })
    expect(r.nullProto).toEqual({ ok: false, same: true, name: undefined, message: 'undefined' })
    expect(r.primitive).toEqual({ ok: false, same: true, name: undefined, message: '42' })
    expect(r.undefinedValue).toEqual({ ok: false, same: true, name: undefined, message: 'undefined' })
    expect(r.revokedThroughMethod).toEqual({ same: true })
    expect(r.hostileArgument).toEqual({ ok: false, message: 'read 1', reads: expect.any(Number) })
    expect(r.statsAfterHostile).toEqual(expect.objectContaining({ generation: 2, aborts: 2 }))
    // wasm-bindgen's corruption error on the object the throw left borrowed is an abort, as before
    expect(r.afterTorn).toEqual(abort('Counter.increment', 2, { causeName: 'Error' }))
    expect(r.afterTorn.causeMessage).toMatch(/recursive use of an object detected/)

    // 3. stale dispose is a no-op; a panic inside `using` is what the app catches
    expect(r.panicInMut).toEqual(abort('Counter.panic_in_mut', 3))
    expect(r.staleFree).toEqual({ ok: true })
    expect(r.staleDispose).toEqual({ ok: true })
    expect(r.usingPanic).toEqual(abort('Counter.panic_in_mut', 4, { panicMessage: 'panic_in_mut at value 2' }))
    expect([r.usingPanic.errorName, r.usingPanic.suppressedName], 'not a SuppressedError').toEqual([undefined, undefined])
    expect(r.usingHealthy).toEqual({ ok: true, value: 2 })
    expect(r.usingHealthyDropped).toBe(1)

    expect(r.recursion).toEqual(abort('recurse', 5, { causeName: 'RangeError' }))

    // 4. isWasmAbort
    expect(r.hasIsWasmAbort).toBe('function')
    expect(r.isWasmAbort).toEqual({
      direct: true, wrapped: true, aggregate: true, suppressed: true, cyclic: false,
      plain: false, revoked: false, hostile: false, primitive: false, otherCopy: true,
    })

    expect(r.held).toEqual(expect.objectContaining({ ok: false, name: 'WasmStaleObjectError', causeName: 'WasmAbortError' }))
    expect(r.heldIsAbort).toBe(true)
    expect(r.stats).toEqual({ module: 'wr_fixture', state: 'live', generation: 7, aborts: 7, reinits: 7 })
    expect(r.uncaught).toEqual([])
  })
})

// a module whose one export `f` is `unreachable`
const TRAP = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 7, 5, 1, 1, 102, 0, 0, 10, 5, 1, 3, 0, 0, 11])
const caught = (f: () => unknown): unknown => {
  try {
    f()
  } catch (e) {
    return e
  }
  throw new Error('did not throw')
}
const revoked = () => {
  const { proxy, revoke } = Proxy.revocable({}, {})
  revoke()
  return proxy
}
const hostile = () =>
  new Proxy({}, { get: () => { throw new Error('get') }, getPrototypeOf: () => { throw new Error('proto') }, getOwnPropertyDescriptor: () => { throw new Error('gopd') } })
const abortError = (cause: unknown = new WebAssembly.RuntimeError('unreachable')) => new WasmAbortError({ module: 'm', generation: 0, cause })

describe('isAbort (the classifier)', () => {
  const realm = vm.createContext({ bytes: TRAP })
  const inRealm = (code: string) => vm.runInContext(code, realm)

  it('a WebAssembly.RuntimeError of any realm is a trap; a class of the same name is not', () => {
    expect(isAbort(caught(() => (new WebAssembly.Instance(new WebAssembly.Module(TRAP)).exports.f as () => void)()))).toBe(true)
    expect(isAbort(inRealm('try { new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.f() } catch (e) { e }'))).toBe(true)
    expect(isAbort(inRealm('new WebAssembly.RuntimeError("x")'))).toBe(true)
    expect(isAbort(new (class extends WebAssembly.RuntimeError {})('subclass'))).toBe(true)

    class RuntimeError extends Error { override name = 'RuntimeError' }
    expect(isAbort(new RuntimeError('mine'))).toBe(false)
    expect(isAbort(inRealm('class RuntimeError extends Error { name = "RuntimeError" }; new RuntimeError("theirs")'))).toBe(false)
    expect(isAbort({ name: 'RuntimeError', message: 'unreachable' })).toBe(false)
    // a borrowed `constructor` does not make a prototype the engine's
    class Spoof extends Error {}
    Object.defineProperty(Spoof.prototype, 'constructor', { value: WebAssembly.RuntimeError })
    expect(isAbort(new Spoof('x'))).toBe(false)
  })

  it('stack overflow and wasm-bindgen corruption as before, only from the engine\'s errors', () => {
    const deep = (): number => deep() + 1
    expect(isAbort(caught(deep))).toBe(true)
    expect(isAbort(inRealm('const d = () => d() + 1; try { d() } catch (e) { e }'))).toBe(true)
    expect(isAbort(new RangeError('Invalid array length'))).toBe(false)
    class OwnRangeError extends Error { override name = 'RangeError' }
    expect(isAbort(new OwnRangeError('Maximum call stack size exceeded'))).toBe(false)

    expect(isAbort(new Error('recursive use of an object detected which would lead to unsafe aliasing in rust'))).toBe(true)
    expect(isAbort(new Error('attempted to take ownership of Rust value while it was borrowed'))).toBe(true)
    expect(isAbort(inRealm('new Error("Module terminated")'))).toBe(true)
    expect(isAbort(new TypeError('recursive use of an object detected'))).toBe(false)
    expect(isAbort({ name: 'Error', message: 'Module terminated' })).toBe(false)
    expect(isAbort(new Error('from js'))).toBe(false)
  })

  it('never throws, never runs getters', () => {
    let ran = 0
    const getters = { get name() { ran++; throw new Error('name') }, get message() { ran++; throw new Error('message') } }
    const values = [revoked(), hostile(), getters, Object.create(null), 42, 'RuntimeError', undefined, null, () => {}, Symbol('x')]
    for (const v of values) expect(isAbort(v)).toBe(false)
    expect(ran).toBe(0)
    // a Proxy inventing a new prototype on every step
    const endless: object = new Proxy({}, { getPrototypeOf: () => endless })
    expect(isAbort(endless)).toBe(false)
  })

  it('instanceof of our errors never throws either (the guards test every thrown value with it)', () => {
    for (const v of [revoked(), hostile()]) {
      expect(v instanceof WasmAbortError).toBe(false)
      expect(v instanceof WasmStaleObjectError).toBe(false)
    }
    expect(abortError() instanceof WasmAbortError).toBe(true)
    expect(abortError() instanceof Error).toBe(true)
    expect(new WasmStaleObjectError('m', 'x', 0) instanceof WasmAbortError).toBe(false)
  })
})

describe('isWasmAbort', () => {
  it('finds our abort through cause, SuppressedError and AggregateError', () => {
    const abort = abortError()
    expect(isWasmAbort(abort)).toBe(true)
    expect(isWasmAbort(new Error('lib', { cause: new Error('mid', { cause: abort }) }))).toBe(true)
    expect(isWasmAbort(new AggregateError([new Error('a'), new Error('b', { cause: abort })]))).toBe(true)
    const suppressed = (error: unknown, sup: unknown) => Object.assign(new Error('s'), { name: 'SuppressedError', error, suppressed: sup })
    expect(isWasmAbort(suppressed(abort, new Error('x')))).toBe(true)
    expect(isWasmAbort(suppressed(new Error('x'), abort))).toBe(true)
    expect(isWasmAbort(suppressed(new Error('x'), new Error('y')))).toBe(false)
    expect(isWasmAbort(new WasmStaleObjectError('m', 'x', 0))).toBe(false)
    expect(isWasmAbort(new Error('plain'))).toBe(false)
  })

  it('by name, so another copy of the runtime counts', () => {
    const other = vm.runInContext('class WasmAbortError extends Error { name = "WasmAbortError" }; new WasmAbortError("x")', vm.createContext({}))
    expect(isWasmAbort(other)).toBe(true)
    expect(isWasmAbort(new Error('wrapper', { cause: other }))).toBe(true)
  })

  it('is cycle-safe and never throws', () => {
    const a = new Error('a')
    const b = new Error('b', { cause: a })
    a.cause = b
    expect(isWasmAbort(a)).toBe(false)
    const agg = new AggregateError([])
    ;(agg as any).errors.push(agg)
    expect(isWasmAbort(agg)).toBe(false)
    const getters = { get name() { throw new Error('name') }, get cause() { throw new Error('cause') } }
    for (const v of [revoked(), hostile(), getters, Object.create(null), undefined, null, 0, 'WasmAbortError']) expect(isWasmAbort(v)).toBe(false)
    expect(isWasmAbort(new Error('w', { cause: revoked() }))).toBe(false)
    expect(isWasmAbort(Object.assign(new AggregateError([]), { errors: hostile() }))).toBe(false)
  })
})
