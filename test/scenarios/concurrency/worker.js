// Worker for test/concurrency.test.ts: requests that hold a Counter across an await while other
// requests panic. The interleaving is controlled by a gate (not by timing), so counts are exact.
import { Counter, panic_now } from 'wr-fixture'

// holders poll a flag with timers: workerd cancels a request that only awaits a promise settled by
// another request (it sees no pending I/O), so the gate is a flag, not a shared promise
let released = false
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
          released = false
          holding = 0
          return json({ ok: true })
        case '/release':
          released = true
          return json({ ok: true })
        case '/hold': {
          // made before the other requests panic, used after them
          const c = new Counter(1)
          c.increment()
          holding++
          while (!released) await new Promise((r) => setTimeout(r, 5))
          c.increment()
          return json({ ok: true, value: c.value })
        }
        case '/mixed': {
          // timing-dependent: a Counter held across a short timer while other requests may panic
          const c = new Counter(1)
          await new Promise((r) => setTimeout(r, Number(url.searchParams.get('ms') ?? 1)))
          c.increment()
          return json({ ok: true, value: c.value })
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
