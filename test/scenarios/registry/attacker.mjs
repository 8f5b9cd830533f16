// A hostile script loaded AFTER the app into the same process. It imports nothing: all it has is
// globalThis. It tries what issue 12 showed worked: read the app's wasm memory, patch its exports, clear
// its listeners, inject a fake supervisor, replace the shared global. Each attempt reports what it achieved.
const SECRET = globalThis.__registryProbe.secret
const keys = Object.getOwnPropertySymbols(globalThis).filter((k) => String(k.description).startsWith('wasm-recovery'))
const found = { memories: [], sets: [], arrays: [], objectsWithAdd: [] }
const seen = new Set()
const events = []

// everything reachable from what is shared, own properties and the results of calling its functions
function walk(v, depth = 0) {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function') || seen.has(v) || depth > 8) return
  seen.add(v)
  if (v instanceof WebAssembly.Memory) found.memories.push(v.buffer)
  if (v instanceof ArrayBuffer) found.memories.push(v)
  if (ArrayBuffer.isView(v)) found.memories.push(v.buffer)
  if (v instanceof Set || v instanceof Map) found.sets.push(v)
  if (Array.isArray(v)) found.arrays.push(v)
  if (typeof v.add === 'function' && v !== Set.prototype && !(v instanceof Set)) found.objectsWithAdd.push(v)
  if (v instanceof Set || v instanceof Map) for (const x of v) walk(x, depth + 1)
  for (const k of Reflect.ownKeys(v)) {
    let x
    try {
      x = v[k]
    } catch {
      continue
    }
    walk(x, depth + 1)
    // call what answers questions (stats); join with a member that records what it is handed
    if (typeof x === 'function' && (k === 'stats' || k === 'join')) {
      try {
        walk(k === 'join' ? x.call(v, member) : x.call(v), depth + 1)
      } catch {}
    }
  }
}
const member = Object.freeze({
  stats: () => [],
  deliver: (e) => {
    events.push(e)
    walk(e)
  },
  reset: () => Promise.resolve(),
})

const result = { keys: keys.map(String) }
for (const k of keys) walk(globalThis[k])

// 1. read the secret from any memory reached
const needle = new TextEncoder().encode(SECRET)
const contains = (buf) => {
  const b = new Uint8Array(buf)
  outer: for (let i = 0; i + needle.length <= b.length; i++) {
    for (let j = 0; j < needle.length; j++) if (b[i + j] !== needle[j]) continue outer
    return true
  }
  return false
}
result.readSecret = found.memories.some(contains)
result.reached = { memories: found.memories.length, sets: found.sets.length, withAdd: found.objectsWithAdd.length }

// 2. patch every export it can reach: issue 12's path first, then anything with an `add`
for (const k of keys) {
  for (const s of globalThis[k]?.supervisors ?? []) {
    try {
      s.current.exports.add = () => 1337
    } catch {}
  }
}
for (const o of found.objectsWithAdd) {
  try {
    o.add = () => 1337
  } catch {}
}
result.patchedSomething = found.objectsWithAdd.length > 0

// 3. clear every listener set / array it reached
for (const s of found.sets) s.clear()
for (const a of found.arrays) if (!Object.isFrozen(a)) a.length = 0

// 4. inject a fake supervisor: issue 12's way, then by joining the channel and claiming the app's copy
const fake = { name: 'wr_fixture', stats: () => ({ module: 'wr_fixture', state: 'live', generation: 4242, aborts: 0, reinits: 0 }), reset: async () => {}, ready: Promise.resolve() }
for (const k of keys) {
  try {
    globalThis[k].supervisors.push(fake)
  } catch {}
}
result.joined = []
for (const k of keys) {
  const ch = globalThis[k]
  if (typeof ch?.join !== 'function') continue
  try {
    let port
    const liar = Object.freeze({
      // claims every key it can think of, with a state and generation nobody else has
      stats: () => [0, 1, 2, 3, 4, 5].map((key) => ({ key, state: 'live', generation: 4242, aborts: 0, reinits: 0, evil: () => 1 })),
      deliver: () => {},
      reset: () => Promise.resolve(),
    })
    port = ch.join(liar)
    const reg = port.register('wr_fixture')
    result.joined.push(reg)
    // a fake event for the app's own copy, and a member whose stats throw
    port.emit(0, { type: 'poisoned', module: 'wr_fixture', generation: 4242 })
    ch.join(Object.freeze({ stats: () => { throw new Error('hostile') }, deliver: () => {}, reset: () => Promise.resolve() })).register('thrower')
  } catch (e) {
    result.joined.push(String(e))
  }
}

// 5. replace the shared global, or what is inside it
result.replaced = []
for (const k of keys) {
  const before = globalThis[k]
  const joinBefore = before?.join
  const evil = { join: () => ({}), listeners: new Set(), supervisors: [fake] }
  for (const attempt of [
    () => (globalThis[k] = evil),
    () => Object.defineProperty(globalThis, k, { value: evil }),
    () => delete globalThis[k],
    () => (before.join = () => ({})),
    () => Object.defineProperty(before, 'join', { value: () => ({}) }),
  ]) {
    try {
      attempt()
    } catch {}
  }
  if (globalThis[k] !== before || before?.join !== joinBefore) result.replaced.push(String(k))
}
// one more: a key the app may use later, taken before it
globalThis[Symbol.for('wasm-recovery.shared')] ??= { listeners: new Set(), supervisors: [fake] }

globalThis.__registryProbe.attack = result
globalThis.__registryProbe.attackerEvents = events
globalThis.__registryProbe.recheck = () => {
  // memory reached later through events the attacker received
  for (const e of events) walk(e)
  return { readSecret: found.memories.some(contains), events: events.length }
}
