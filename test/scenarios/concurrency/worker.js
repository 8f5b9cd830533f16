// Worker for test/concurrency.test.ts: requests that hold a Counter across an await while other
// requests panic. The interleaving is controlled by a gate (not by timing), so counts are exact.
import { Counter, panic_now } from 'wr-fixture'

let gate = { open: null, promise: null }
const newGate = () => {
  gate = {}
  gate.promise = new Promise((r) => (gate.open = r))
}
newGate()
let holding = 0

const json = (body, status = 200) => Response.json(body, { status })
const fail = (e) => json({ ok: false, error: { name: e?.name, message: String(e?.message ?? e) } }, 500)

export default {
  async fetch(request) {
    const url = new URL(request.url)
    try {
      switch (url.pathname) {
        case '/health':
          return json({ ok: true })
        case '/holding':
          return json({ ok: true, value: holding })
        case '/reset':
          newGate()
          holding = 0
          return json({ ok: true })
        case '/release':
          gate.open()
          return json({ ok: true })
        case '/hold': {
          // made before the other requests panic, used after them
          const c = new Counter(1)
          c.increment()
          holding++
          await gate.promise
          c.increment()
          return json({ ok: true, value: c.value() })
        }
        case '/panic':
          panic_now('request panicked')
          return json({ ok: true })
      }
      return json({ ok: false }, 404)
    } catch (e) {
      return fail(e)
    }
  },
}
