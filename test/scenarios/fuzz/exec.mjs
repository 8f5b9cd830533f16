// Runs a package's fixed scripts (see photon.mjs, automerge.mjs, fixture.mjs) and turns every result into
// plain, comparable JSON. Shared by the fuzz driver and the oracle.
import { digest } from './prng.mjs'

const STEP_TIMEOUT_MS = 5000
const GeneratorFunction = function* () {}.constructor

/** A deterministic, JSON-able form of an API result. */
export function norm(v) {
  if (v === undefined) return '<undefined>'
  if (typeof v === 'bigint') return `${v}n`
  if (typeof v === 'function') return '<function>'
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v)
  if (ArrayBuffer.isView(v)) return `<${v.constructor.name} ${digest(new Uint8Array(v.buffer, v.byteOffset, v.byteLength))}>`
  if (v instanceof Map) return { '<Map>': [...v].map(([k, x]) => [norm(k), norm(x)]) }
  if (Array.isArray(v)) return v.map(norm)
  if (v && typeof v === 'object') {
    const proto = Object.getPrototypeOf(v)
    if (proto !== Object.prototype && proto !== null) return `<object ${v.constructor?.name}>`
    const out = {}
    for (const k of Object.keys(v).sort()) out[k] = norm(v[k])
    return out
  }
  return v
}

export function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b)
}

export function failure(e) {
  return {
    name: e?.name,
    rollback: e?.rollback,
    message: String(e?.message ?? e).slice(0, 500),
    module: e?.module,
    export: e?.export,
    generation: e?.generation,
    reason: e?.reason,
    causeName: e?.cause?.name,
    causeMessage: e?.cause?.message,
  }
}

async function timed(fn) {
  let timer
  const hang = new Promise((_, reject) => (timer = setTimeout(() => reject(Object.assign(new Error(`no result after ${STEP_TIMEOUT_MS} ms`), { name: 'Hung' })), STEP_TIMEOUT_MS)))
  try {
    return await Promise.race([Promise.resolve().then(fn), hang])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * One step of a workload. A step is either a function of the state that makes ONE call from the app, or
 * a generator function that yields thunks, each making one call from the app (plus plain JS), and
 * returns the step's result: each yielded thunk is run by `call`, and its value is sent back in. A thunk
 * that throws leaves the generator suspended before it, so it can be run again (policy 'rollback'
 * restores the state from before that one call, not from before the step).
 */
export async function runStep(fn, state, call) {
  if (!(fn instanceof GeneratorFunction)) return call(() => fn(state))
  const it = fn(state)
  let r = it.next()
  while (!r.done) r = it.next(await call(r.value))
  return r.value
}

/**
 * The workload: steps in order until the first failure. With `withStale`, after a failure every object
 * the steps made (all of the dead generation) is probed: a method must throw WasmStaleObjectError and
 * free() must do nothing (`withStale` may be a function: asked after the failure). With `retry(label, error, attempt)`: a failed call is run again when it resolves true
 * (the error is the step's failure otherwise).
 */
export async function workload(m, w, { withStale = false, retry } = {}) {
  const state = {}
  const steps = []
  let fail = null
  const call = async (thunk, label) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await timed(thunk)
      } catch (e) {
        if (!retry || !(await retry(label, e, attempt))) throw e
      }
    }
  }
  for (const [label, fn] of w.workload(m)) {
    try {
      steps.push(norm(await runStep(fn, state, (thunk) => call(thunk, label))))
    } catch (e) {
      fail = { step: label, ...failure(e) }
      break
    }
  }
  let stale
  if (fail && (typeof withStale === 'function' ? withStale() : withStale)) {
    stale = []
    for (const [label, fn, kind] of w.stale(m, state)) {
      try {
        const v = await timed(fn)
        stale.push(kind === 'free' ? { label, ok: true } : { label, ok: false, returned: norm(v) })
      } catch (e) {
        const f = failure(e)
        stale.push({ label, ok: kind !== 'free' && f.name === 'WasmStaleObjectError' && f.module === w.module, ...f })
      }
    }
  } else if (!fail) await w.cleanup?.(state)
  return { steps, failure: fail, stale }
}

export async function check(m, w) {
  return norm(await timed(() => w.check(m)))
}

/** Workload then check, each on new objects: the oracle's (and the unarmed baseline's) results. */
export async function execute(m, w) {
  const r = await workload(m, w)
  return { steps: r.steps, failure: r.failure, check: await check(m, w) }
}
