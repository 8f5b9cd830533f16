// Is the linear memory of a dead generation released? Generation params.big touches 500 MB, then four
// generations in a row abort (panic_now), a good call, GC. Our own fixture crate (memory capped at 1 GiB).
import { recoveryStats } from '@wasm-recovery/runtime'
import { gcTwice, uncaught } from '../lib.mjs'
import { quietConsoleError } from './_loop.mjs'

export default async function run(m, p) {
  quietConsoleError()
  await gcTwice()
  const r = { rssStart: process.memoryUsage.rss() }
  work(m, p.big, r)
  await gcTwice()
  await gcTwice()
  r.rssAfterGc = process.memoryUsage.rss()
  r.stats = recoveryStats('wr_fixture')
  r.uncaught = uncaught.slice(0, 5)
  return r
}

/** Synchronous, in its own frame: nothing of it is left on any stack when the GC runs. */
function work(m, big, r) {
  for (let g = 0; g < 4; g++) {
    if (g === big) r.touched = m.alloc_huge(500_000_000)
    try {
      m.panic_now(`retain ${g}`)
    } catch (e) {
      r.aborts = (r.aborts ?? 0) + (e?.name === 'WasmAbortError' ? 1 : 0)
    }
  }
  r.rssBeforeGc = process.memoryUsage.rss()
  r.good = m.add(1, 2)
}
