// Our own fixture crate (wr_fixture): panic_now after healthy calls.
import { loop } from './_loop.mjs'

export default async function run(m, p) {
  return loop(m, p, {
    ordinary(m, i) {
      const c = new m.Counter(i)
      if (c.increment() !== i + 1) throw new Error('Counter.increment')
      if (m.add(i, 1) !== i + 1) throw new Error('add') // a free function
      return c
    },
    trigger(m, c) {
      m.panic_now(`stress ${c.value}`)
    },
  })
}
