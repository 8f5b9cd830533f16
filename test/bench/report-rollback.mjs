// The report's section on policy 'rollback': checkpoint cost per call, restore latency against the
// physical floors (a restore into never-touched pages pays their first-touch faults).
import { fmt, verdict } from './format.mjs'

const mb = (b) => (b / 1048576).toFixed(1)

/** `t(figure, measured, target, ok, note)` adds a row to the table of targets. */
export function rollbackRows(rollback, t) {
  const rows = []
  rows.push('', "## 6. Policy 'rollback' (own fixture, bundler target; Node)", '')
  rows.push("### Checkpoint cost per call against memory size (trivial `add`, which enters the instance, so every call checkpoints; 15 paired rounds)", '')
  rows.push('| memory | default policy, ns/call | rollback, ms/call | checkpoint cost, µs/MB | memcpy floor (`Uint8Array.set`), ms | floor, µs/MB | rollback ÷ floor | `readOnly: [\'add\']`, ns/call | readOnly ÷ default | first call after the growth, ms |', '|---|---|---|---|---|---|---|---|---|---|')
  for (const r of rollback.checkpoint) {
    const ns = (s) => ({ median: s.median * 1e6, p25: s.p25 * 1e6, p75: s.p75 * 1e6 })
    rows.push(`| ${r.mb.toFixed(2)} MB | ${fmt(ns(r.default), 1)} | ${fmt(r.rollback, 3)} | **${fmt(r.usPerMb, 0)}** | ${fmt(r.memcpy, 3)} | ${fmt(r.memcpyUsPerMb, 0)} | **${fmt(r.overMemcpy, 2)}** | ${fmt(ns(r.readOnly), 1)} | ${fmt(r.readOnlyOverDefault, 2)} (${r.readOnlyCheckpoints} checkpoint in ${r.readOnlyCalls.toLocaleString('en')} calls) | ${r.firstAfterGrowth.toFixed(1)} |`)
  }
  const last = rollback.checkpoint.at(-1)
  const ro = rollback.checkpoint.every((r) => r.readOnlyCheckpoints <= 1)
  rows.push('', `Per-call cost of a checkpoint at ${last.mb.toFixed(0)} MB: **${last.usPerMb.median.toFixed(0)} µs per MB** of linear memory (the plain copy: ${last.memcpyUsPerMb.median.toFixed(0)} µs/MB), i.e. ${last.rollback.median.toFixed(2)} ms added to every call that follows an entry into the instance. \`readOnly\` exports take no copy after the first: ${verdict(ro)} (${rollback.checkpoint.map((r) => r.readOnlyCheckpoints).join(', ')} checkpoints over the sizes); their remaining cost is the check, readOnly ÷ default above. "First call after the growth" (one sample per size) is the first call after \`alloc_huge\` grew the memory: its checkpoint grows the spare instance's memory and touches its new pages for the first time.`)
  const x = rollback.restore
  if (x.idle) t(`rollback, ${mb(x.bytes)} MB: failing call + next call, the event loop idle between them`, `${x.idle.end.median.toFixed(2)} ms on the call path; ${x.idle.spareMs.median.toFixed(2)} ms of idle time for the next spare and the checkpoint taken into it`, '≤ 5 ms', x.idle.end.median <= 5, `floor: the failing call's checkpoint copy into touched pages, ${x.warmFloor.median.toFixed(2)} ms (the next call takes none: ${x.idle.nextCheckpoints.median} checkpoints)`)
  t(`rollback, ${mb(x.bytes)} MB: failing call + next call, back to back (same task)`, `${x.rollbackEnd.median.toFixed(2)} ms (restore itself ${x.rollbackEvent.median.toFixed(2)} ms)`, '≤ 5 ms', x.rollbackEnd.median <= 5,
    `floor, a restore into a fresh instance (first-touch page faults): ${x.freshFloor.median.toFixed(2)} ms; into pages touched before: ${x.warmFloor.median.toFixed(2)} ms`)
  rows.push('', `### Restore latency, ${mb(x.bytes)} MB of memory (abort of \`panic_now\`; ${x.rollbackEvent.n} rounds, interleaved; ms)`, '')
  rows.push('| | median (p25–p75) |', '|---|---|')
  rows.push(`| rollback: \`rollback\` event durationMs | **${fmt(x.rollbackEvent, 2)}** |`)
  rows.push(`| rollback: failing call, wall (its checkpoint + trap + restore) | ${fmt(x.rollbackFail, 2)} |`)
  rows.push(`| rollback: next call (\`add\`), wall | ${fmt(x.rollbackNext, 3)} |`)
  rows.push(`| rollback: failing call + next call, wall | ${fmt(x.rollbackEnd, 2)} |`)
  rows.push(`| reinit (default policy, memory grown to the same size before each round): \`reinit\` event durationMs | ${fmt(x.reinitEvent, 2)} |`)
  rows.push(`| reinit: failing call + next call, wall | ${fmt(x.reinitEnd, 2)} |`)
  rows.push(`| floor of a restore into a fresh instance: bare \`new Instance\` + \`memory.grow\` + copy into its new pages | ${fmt(x.freshFloor, 2)} |`)
  rows.push(`| floor of a restore into pages touched before (memcpy only) | ${fmt(x.warmFloor, 2)} |`)
  rows.push(`| rollback event ÷ fresh-instance floor (paired) | **${fmt(x.eventOverFresh, 2)}** |`)
  if (x.idle) {
    rows.push(`| rollback, the event loop idle before the next call: failing call, wall | ${fmt(x.idle.fail, 2)} |`)
    rows.push(`| … next call (\`add\`), wall, with the spare made in idle time (${x.idle.spareMade ? 'made' : '**never made**'}) | ${fmt(x.idle.next, 3)} |`)
    rows.push(`| … failing call + next call, wall (call path only) | **${fmt(x.idle.end, 2)}** |`)
    rows.push(`| … event-loop time the idle spare and its checkpoint took (between the calls) | ${fmt(x.idle.spareMs, 2)} |`)
    rows.push(`| … checkpoints the next call took itself (the one taken in idle time holds while the instance is not entered) | ${fmt(x.idle.nextCheckpoints, 0)} |`)
  }
  rows.push('', `Target ≤ 5 ms for 16 MB: ${verdict(x.rollbackEvent.median <= 5)} for the restore itself (median ${x.rollbackEvent.median.toFixed(2)} ms: the checkpoint lives in a spare instance, so restoring is a swap). The cost moves, it does not vanish: the next checkpoint fills a NEW spare instance, whose memory pages are touched for the first time (the "next call" row, ≈ the fresh-instance floor). Failing call + next call together: ${verdict(x.rollbackEnd.median <= 5)} (${x.rollbackEnd.median.toFixed(1)} ms). The fresh-instance floor is what any restore into a new instance pays on this machine (first writes fault never-touched pages in: ${(x.freshFloor.median / (x.bytes / 2 ** 20)).toFixed(1)} ms/MB in this run); "pages touched before" is the same copy without those faults.`)
  if (rollback.photon) {
    const p = rollback.photon
    rows.push('', `### Restore latency, photon (1024×1024 image held, blurred; ${mb(p.bytes)} MB of memory; \`crop\` out of bounds panics; ${p.rollbackEvent.n} rounds; ms)`, '')
    rows.push('| | event durationMs | failing call + next call, wall |', '|---|---|---|')
    rows.push(`| rollback (image still valid and byte-identical: ${p.identical}) | **${fmt(p.rollbackEvent, 2)}** | ${fmt(p.rollbackEnd, 2)} |`)
    rows.push(`| reinit (image stale; next call makes a 1×1 image) | ${fmt(p.reinitEvent, 2)} | ${fmt(p.reinitEnd, 2)} |`)
    rows.push(`| floor of a restore into a fresh instance (bare \`new Instance\` + grow + copy) | ${fmt(p.freshFloor, 2)} | |`)
    rows.push(`| rollback event ÷ fresh-instance floor (paired) | **${fmt(p.eventOverFresh, 2)}** | |`)
    rows.push('', `Target ≤ 5 ms per 16 MB (here ${mb(p.bytes)} MB, so ≤ ${(5 * p.bytes / (16 << 20)).toFixed(1)} ms): ${verdict(p.rollbackEvent.median <= (5 * p.bytes) / (16 << 20))} for the restore; failing call + next call (which refills a new spare): ${verdict(p.rollbackEnd.median <= (5 * p.bytes) / (16 << 20))}.`)
  }
  return rows
}

