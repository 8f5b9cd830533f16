// A hostile script that runs BEFORE the app takes the channel's key. argv: bundle A, bundle B, mode:
// 'junk' (the key holds a value that is no channel) or 'hostile' (a frozen fake channel that keeps every
// member it is handed and answers nothing). The app must work either way, and what the fake channel is
// handed must give it no memory, no exports, no listeners.
import { pathToFileURL } from 'node:url'

const [fileA, fileB, mode] = process.argv.slice(2)
const KEY = Symbol.for('wasm-recovery.channel')
const members = []
if (mode === 'junk') Object.defineProperty(globalThis, KEY, { value: 42 })
else {
  let next = 100
  const port = Object.freeze({ register: () => ({ key: next++, copy: 7 }), copies: () => 1, emit: () => {}, stats: () => [], reset: () => Promise.resolve() })
  Object.defineProperty(globalThis, KEY, { value: Object.freeze({ version: 1, join: (m) => (members.push(m), port) }) })
}

const r = {}
const A = await import(pathToFileURL(fileA).href)
const B = await import(pathToFileURL(fileB).href)
const secret = `S3CR3T-${Math.random().toString(36).slice(2)}`
r.greet = A.m.greet(secret)
const held = new A.m.Counter(1)

// everything the fake channel holds: the members' own properties and what their functions return
const found = []
const seen = new Set()
const walk = (v, d = 0) => {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function') || seen.has(v) || d > 6) return
  seen.add(v)
  if (v instanceof WebAssembly.Memory || v instanceof ArrayBuffer || ArrayBuffer.isView(v) || v instanceof Set || typeof v.add === 'function') found.push(Object.prototype.toString.call(v))
  for (const k of Reflect.ownKeys(v)) walk(v[k], d + 1)
}
for (const m of members) walk([m, m.stats()])
r.members = members.length
r.reached = found
r.snapshots = members.map((m) => m.stats())
// repair requests for every key: a live module is left as it is
await Promise.all(members.flatMap((m) => [100, 101].map((k) => m.reset(k).catch(() => {}))))
r.heldAfterResets = A.outcome(() => held.increment())
// a spoofed event does reach the app's listeners (documented: events from the channel are not authenticated)
for (const m of members) m.deliver({ type: 'poisoned', module: 'wr_fixture', generation: 99 })
r.spoofHeard = A.events.filter((e) => e.generation === 99).length
// each app still answers for its own modules, and keeps working
r.panicA = A.outcome(() => A.m.panic_now('A'))
r.addA = A.outcome(() => A.m.add(1, 2))
r.statsA = A.recoveryStats()
r.statsB = B.recoveryStats()
console.log('RESULT:' + JSON.stringify(r))
