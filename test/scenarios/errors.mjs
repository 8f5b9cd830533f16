// Errors pass through exactly as they were thrown (issue 12): what a JS callback throws through the
// fixture's Rust frames, stale dispose, a `using` block around a panic, and `isWasmAbort`.
import * as runtime from '@wasm-recovery/runtime'
import vm from 'node:vm'
import usingPanic, { usingHealthy } from '../.out/lowered/errors-using.mjs'
import { events, failure, outcome, stats, uncaught } from './lib.mjs'

// a module whose one export `f` is `unreachable`, instantiated in another realm
const TRAP = [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 7, 5, 1, 1, 102, 0, 0, 10, 5, 1, 3, 0, 0, 11]

/** Throws `value` from a JS callback called by Rust (no catch): did the app get that very value? */
function throwThrough(m, value) {
  try {
    m.call_callback(() => { throw value }, 1)
    return { ok: true }
  } catch (e) {
    return { ok: false, same: e === value, name: safeName(e), message: safeMessage(e) }
  }
}

function safeName(e) {
  try { return e?.name } catch { return '<throws>' }
}
function safeMessage(e) {
  try { return typeof e === 'object' && e !== null ? String(e.message) : String(e) } catch { return '<throws>' }
}

export default async function run(m) {
  const r = {}
  const held = new m.Counter(10)

  // 1. the app's own class named RuntimeError is not a trap: it passes, the instance and objects stay
  class RuntimeError extends Error { name = 'RuntimeError' }
  r.ownRuntimeError = throwThrough(m, new RuntimeError('mine'))
  r.heldAfterOwn = outcome(() => held.increment())
  r.statsAfterOwn = stats('wr_fixture')

  // a real trap of another realm, thrown by a callback of that realm: an abort
  const realm = vm.createContext({ bytes: new Uint8Array(TRAP) })
  const foreignTrap = vm.runInContext('const f = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.f; () => f()', realm)
  try {
    m.call_callback(foreignTrap, 1)
    r.foreignTrap = { ok: true }
  } catch (e) {
    r.foreignTrap = { ...failure(e), causeIsForeign: e.cause instanceof vm.runInContext('WebAssembly.RuntimeError', realm) }
  }
  r.foreignRuntimeErrorObject = throwThrough(m, vm.runInContext('new WebAssembly.RuntimeError("made there")', realm))

  // 2. values that are hard to look at reach the app unchanged
  const { proxy, revoke } = Proxy.revocable({}, {})
  revoke()
  r.revokedProxy = throwThrough(m, proxy)
  const hostile = new Proxy({}, { get() { throw new Error('trap get') }, getPrototypeOf() { throw new Error('trap proto') }, getOwnPropertyDescriptor() { throw new Error('trap gopd') } })
  r.hostileProxy = throwThrough(m, hostile)
  r.throwingGetters = throwThrough(m, { get name() { throw new Error('name getter') }, get message() { throw new Error('message getter') } })
  r.nullProto = throwThrough(m, Object.create(null))
  r.primitive = throwThrough(m, 42)
  r.undefinedValue = throwThrough(m, undefined)
  // the same through a method guard: the value passes, the torn borrow is an abort on next use (as before)
  const torn = new m.Counter(1)
  try { torn.with_callback(() => { throw proxy }) } catch (e) { r.revokedThroughMethod = { same: e === proxy } }
  // an argument that throws on every read: the error of the call is the first one, not one of ours
  let reads = 0
  const argTrap = new Proxy({}, { get() { throw new Error(`read ${++reads}`) } })
  try { m.call_callback(argTrap, 1); r.hostileArgument = { ok: true } } catch (e) { r.hostileArgument = { ok: false, message: safeMessage(e), reads } }
  r.statsAfterHostile = stats('wr_fixture')
  r.afterTorn = outcome(() => torn.increment())

  // 3. stale dispose is a no-op like stale free(); a panic inside `using` reaches the app as the abort
  const c = new m.Counter(1)
  r.panicInMut = outcome(() => c.panic_in_mut())
  r.staleFree = outcome(() => c.free())
  r.staleDispose = outcome(() => c[Symbol.dispose]())
  try {
    usingPanic(m)
    r.usingPanic = { ok: true }
  } catch (e) {
    r.usingPanic = { ...failure(e), errorName: safeName(e?.error), suppressedName: safeName(e?.suppressed) }
  }
  const dropsBefore = m.drop_count()
  r.usingHealthy = outcome(() => usingHealthy(m))
  r.usingHealthyDropped = m.drop_count() - dropsBefore

  // the engine's stack overflow through wasm frames is still an abort
  r.recursion = outcome(() => m.recurse(100_000_000))

  // 4. isWasmAbort: through causes, SuppressedError, AggregateError; never throws
  r.hasIsWasmAbort = typeof runtime.isWasmAbort
  const is = (v) => { try { return runtime.isWasmAbort?.(v) } catch (e) { return `threw ${e}` } }
  let abort
  try { m.panic_now('for isWasmAbort') } catch (e) { abort = e }
  const wrapped = new Error('library failed', { cause: new TypeError('inner', { cause: abort }) })
  const cyclic = new Error('cycle')
  cyclic.cause = new Error('back', { cause: cyclic })
  const suppressed = Object.assign(new Error('suppressed'), { name: 'SuppressedError', error: new Error('dispose'), suppressed: abort })
  r.isWasmAbort = {
    direct: is(abort),
    wrapped: is(wrapped),
    aggregate: is(new AggregateError([new Error('a'), wrapped])),
    suppressed: is(suppressed),
    cyclic: is(cyclic),
    plain: is(new Error('plain')),
    revoked: is(proxy),
    hostile: is(hostile),
    primitive: is('WasmAbortError'),
    // another copy of the runtime (another bundle, another realm) makes its own class of the same name
    otherCopy: is(vm.runInContext('const e = new Error("x"); e.name = "WasmAbortError"; e', realm)),
  }

  r.held = outcome(() => held.value)
  // the stale error carries the abort that ended the object's generation (a package that catches the
  // abort and then calls into its dead object still lets the app see it)
  try { held.value } catch (e) { r.heldIsAbort = is(e) }
  r.stats = stats('wr_fixture')
  r.events = events.map((e) => `${e.type}:${e.export ?? ''}`)
  r.uncaught = uncaught
  return r
}
