// @automerge/automerge-wasm@0.17.0 (CLI 0.2.92): committing after isolating at an unknown head panics
// ("Change's deps should already be in the document").
import { loop } from './_loop.mjs'

const ACTOR = 'aabbccdd'
const UNKNOWN_HEAD = '00'.repeat(32)

export default async function run(m, p) {
  return loop(m, p, {
    ordinary(m, i) {
      const doc = m.create({ actor: ACTOR })
      doc.put('_root', 'i', i)
      doc.commit('ordinary', 0)
      if (doc.get('_root', 'i') !== i) throw new Error('get after put')
      // a free function
      if (!(m.decodeSyncState(m.encodeSyncState(m.initSyncState())) instanceof m.SyncState)) throw new Error('sync state')
      return doc
    },
    trigger(m, doc) {
      doc.isolate([UNKNOWN_HEAD])
      doc.put('_root', 'b', 2)
      doc.commit()
    },
  })
}
