// Policy 'rollback', @automerge/automerge-wasm@0.17.0 (CLI 0.2.92, FinalizationRegistry glue).
// The doc the app held before a failing call keeps its content (its save() bytes) and keeps working.
import { recoveryStats } from '@wasm-recovery/runtime'
import { digest, events, outcome, uncaught } from './lib.mjs'

const ACTOR = 'aabbccdd'

export default async function run(m) {
  const r = {}
  const doc = m.create({ actor: ACTOR })
  doc.put('_root', 'title', 'hello')
  const list = doc.putObject('_root', 'list', [1, 2, 'three'])
  doc.commit('first', 0)
  const saved = doc.save()
  r.before = { digest: digest(saved), doc: doc.materialize('/') }
  // CORPUS trigger: isolate at unknown heads, edit, commit → panic in commit
  r.isolate = outcome(() => doc.isolate(['00'.repeat(32)]))
  r.put = outcome(() => doc.put('_root', 'b', 2))
  r.commit = outcome(() => doc.commit())
  // the state from before commit(): isolated, one pending put; leave isolation, drop the pending op
  r.pending = outcome(() => doc.pendingOps())
  r.undo = outcome(() => [doc.rollback(), doc.integrate()])
  const after = outcome(() => doc.save())
  r.after = { identical: after.ok && Buffer.compare(Buffer.from(saved), Buffer.from(after.value)) === 0, doc: outcome(() => doc.materialize('/')) }
  // and it keeps working like a doc that never saw a panic
  const twin = m.load(saved, { actor: ACTOR })
  r.stillWorks = outcome(() => {
    for (const d of [doc, twin]) {
      d.insert(list, 3, 'four')
      d.put('_root', 'n', 42)
      d.commit('second', 1)
    }
    return digest(doc.save()) === digest(twin.save()) && JSON.stringify(doc.materialize('/'))
  })
  r.merge = outcome(() => m.create({ actor: 'eeff0011' }).merge(doc).length)
  r.stats = recoveryStats('automerge_wasm')
  r.events = events.map((e) => e.type)
  r.uncaught = uncaught
  return r
}
