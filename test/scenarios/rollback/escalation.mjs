// Policy 'rollback' escalates to 'reinit' (issue 17), @automerge/automerge-wasm@0.17.0.
// A doc brought into a state whose commit() panics (isolate at unknown heads + put): a rollback undoes
// only commit(), so every later commit() on that doc panics again. After `escalateAfter` rollbacks of
// it in a row, its next abort reinitialises and the doc is stale (the app rebuilds it from storage).
// Not escalated: a new doc per attempt aborting in the same place, and a doc whose commit() succeeded
// between its aborts.
import { onRecovery, recoveryStats } from '@wasm-recovery/runtime'
import { events, outcome, uncaught } from './lib.mjs'

const UNKNOWN = ['00'.repeat(32)]

export default async function run(m) {
  const r = {}
  const reasons = []
  onRecovery((e) => e.type === 'rollback-failed' && reasons.push(e.reason))
  // the same bad input on a fresh doc each time: rolled back every time
  r.freshDocs = []
  for (let i = 0; i < 4; i++) {
    const doc = m.create()
    doc.isolate(UNKNOWN)
    doc.put('_root', 'k', i)
    r.freshDocs.push(outcome(() => doc.commit()).name ?? 'ok')
    doc.free()
  }
  // one doc, cured after each panic (leave isolation, drop the pending op) and committed successfully
  const cured = m.create()
  r.cured = []
  for (let i = 0; i < 4; i++) {
    cured.isolate(UNKNOWN)
    cured.put('_root', 'k', i)
    r.cured.push(outcome(() => cured.commit()).name ?? 'ok')
    cured.rollback()
    cured.integrate()
    cured.put('_root', 'good', i)
    r.cured.push(outcome(() => cured.commit()).name ?? 'ok')
  }
  r.curedDoc = outcome(() => cured.materialize('/'))
  r.beforeDoomed = recoveryStats('automerge_wasm')
  // the Durable Object: its doc stays doomed, whatever succeeds on it between (put does)
  const doomed = m.create()
  doomed.put('_root', 'x', 1)
  doomed.commit()
  doomed.isolate(UNKNOWN)
  doomed.put('_root', 'broken', true)
  r.doomed = []
  for (let i = 0; i < 4; i++) {
    r.doomed.push(outcome(() => {
      doomed.put('_root', 'y', i)
      return doomed.commit()
    }))
  }
  r.after = outcome(() => m.create().materialize('/'))
  r.stats = recoveryStats('automerge_wasm')
  r.events = events.map((e) => e.type)
  r.reasons = reasons
  r.uncaught = uncaught
  return r
}
