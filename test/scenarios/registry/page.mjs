// A page (a Node process): app copy A, then the attacker (a plain script, no imports), then app copy B,
// a separate bundle whose module uses policy 'poison'. argv: bundle A, bundle B, attacker.
import { pathToFileURL } from 'node:url'

const [fileA, fileB, attacker] = process.argv.slice(2)
const url = (f) => pathToFileURL(f).href
const r = {}
const secret = `S3CR3T-${Math.random().toString(36).slice(2)}`
globalThis.__registryProbe = { secret }

const A = await import(url(fileA))
r.panicA = A.outcome(() => A.m.panic_now('A before the attack'))
// the secret passes through the live instance's memory
r.greet = A.m.greet(secret)

await import(url(attacker))
r.attack = globalThis.__registryProbe.attack

// what the attack changed for the app
r.addAfterAttack = A.outcome(() => A.m.add(1, 2))
const eventsBefore = A.events.length
r.panicA2 = A.outcome(() => A.m.panic_now('A after the attack'))
r.listenerStillHears = A.events.slice(eventsBefore).map((e) => e.type)
r.fakeEventsHeard = A.events.filter((e) => e.generation === 4242).length
r.statsAfterAttack = A.recoveryStats()

// a second, separately bundled copy of the app: it still meets A through the shared channel
const B = await import(url(fileB))
r.panicB = B.outcome(() => B.m.panic_now('B poisons itself'))
r.bRefuses = B.outcome(() => B.m.add(1, 2))
r.aSeesB = A.events.filter((e) => e.generation !== 4242).slice(-2)
r.panicA3 = A.outcome(() => A.m.panic_now('A, seen by B'))
r.bSeesA = B.events.filter((e) => e.type === 'abort')
r.statsA = A.recoveryStats()
r.statsB = B.recoveryStats()
r.worst = A.outcome(() => A.recoveryStats('wr_fixture'))

// a reset by name repairs B's poisoned copy and leaves A's healthy one (and `held`) alone
const held = new A.m.Counter(5)
held.increment()
r.reset = await A.resetModule('wr_fixture').then(() => 'ok', (e) => String(e))
r.bAfterReset = B.outcome(() => B.m.add(1, 2))
r.heldAfterReset = A.outcome(() => held.increment())
r.statsAfterReset = A.recoveryStats().map((s) => ({ id: s.id, state: s.state }))
r.recheck = globalThis.__registryProbe.recheck()
console.log('RESULT:' + JSON.stringify(r))
