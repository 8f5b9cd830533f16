// @automerge/automerge-wasm@0.17.0 (bundler target, CLI 0.2.92): a document with maps, lists, text and
// marks, counters, commits, save / load, merge, a sync session between two documents, change decoding.
import { digest } from './prng.mjs'

export const module = 'automerge_wasm'

// A step makes one call from the app, or is a generator yielding one thunk per call (see exec.mjs runStep):
// policy 'rollback' restores the state from before the failed CALL, so a retry resumes at that call.
export function workload(m) {
  return [
    ['create', function* (s) {
      s.doc = yield () => m.create({ actor: 'aa11' })
      return yield () => s.doc.getActorId()
    }],
    ['put scalars', function* (s) {
      yield () => s.doc.put('_root', 'title', 'hello')
      yield () => s.doc.put('_root', 'n', 42, 'int')
      yield () => s.doc.put('_root', 'f', 1.5)
      return yield () => s.doc.keys('_root')
    }],
    ['a list', function* (s) {
      s.list = yield () => s.doc.putObject('_root', 'items', [])
      yield () => s.doc.insert(s.list, 0, 'a')
      yield () => s.doc.insert(s.list, 1, 2)
      yield () => s.doc.push(s.list, true)
      return [yield () => s.doc.length(s.list), yield () => s.doc.get(s.list, 1)]
    }],
    ['text', function* (s) {
      s.text = yield () => s.doc.putObject('_root', 'text', '')
      yield () => s.doc.splice(s.text, 0, 0, 'hello world')
      yield () => s.doc.splice(s.text, 5, 1, '_')
      return yield () => s.doc.text(s.text)
    }],
    ['marks', function* (s) {
      yield () => s.doc.mark(s.text, { start: 0, end: 5, expand: 'both' }, 'bold', true)
      return yield () => s.doc.marks(s.text)
    }],
    ['commit', (s) => s.doc.commit('first', 0)],
    ['nested map, counter', function* (s) {
      yield () => s.doc.putObject('_root', 'map', { a: 1, b: 'x', c: [1, 2] })
      yield () => s.doc.put('_root', 'cnt', 0, 'counter')
      yield () => s.doc.increment('_root', 'cnt', 5)
      yield () => s.doc.commit('second', 0)
      return [yield () => s.doc.get('_root', 'cnt'), yield () => s.doc.materialize('_root')]
    }],
    ['save', function* (s) {
      s.bytes = yield () => s.doc.save()
      return digest(s.bytes)
    }],
    ['load and change', function* (s) {
      s.doc2 = yield () => m.load(s.bytes, { actor: 'bb22' })
      yield () => s.doc2.put('_root', 'other', true)
      yield () => s.doc2.delete('_root', 'f')
      yield () => s.doc2.commit('third', 0)
      return yield () => s.doc2.getHeads()
    }],
    ['merge', function* (s) {
      yield () => s.doc.merge(s.doc2)
      return [yield () => s.doc.getHeads(), yield () => s.doc.toJS()]
    }],
    ['sync', function* (s) {
      s.doc3 = yield () => m.create({ actor: 'cc33' })
      s.s1 = yield () => m.initSyncState()
      s.s2 = yield () => m.initSyncState()
      let rounds = 0
      for (; rounds < 10; rounds++) {
        const a = yield () => s.doc.generateSyncMessage(s.s1)
        if (a) yield () => s.doc3.receiveSyncMessage(s.s2, a)
        const b = yield () => s.doc3.generateSyncMessage(s.s2)
        if (b) yield () => s.doc.receiveSyncMessage(s.s1, b)
        if (!a && !b) break
      }
      return [rounds, yield () => s.doc3.getHeads(), digest(yield () => m.encodeSyncState(s.s1))]
    }],
    ['decode changes', function* (s) {
      const out = []
      for (const c of yield () => s.doc.getChanges([])) {
        const d = yield () => m.decodeChange(c)
        out.push([d.hash, d.message, d.ops.length])
      }
      return out
    }],
    ['diff', function* (s) {
      const heads = yield () => s.doc.getHeads()
      return yield () => s.doc.diff([], heads)
    }],
    ['free', function* (s) {
      for (const k of ['doc', 'doc2', 'doc3', 's1', 's2']) yield () => s[k].free()
      return 'freed'
    }],
  ]
}

export function stale(m, s) {
  const out = []
  for (const k of ['doc', 'doc2', 'doc3']) if (s[k]) out.push([`${k}.getHeads()`, () => s[k].getHeads()], [`${k}.put()`, () => s[k].put('_root', 'z', 1)], [`${k}.free()`, () => s[k].free(), 'free'])
  if (s.doc && s.doc2) out.push(['merge(doc2) of two dead docs', () => s.doc.merge(s.doc2)])
  if (s.s1) out.push(['encodeSyncState(dead state)', () => m.encodeSyncState(s.s1)], ['s1.free()', () => s.s1.free(), 'free'])
  return out
}

export function check(m) {
  const doc = m.create({ actor: 'dd44' })
  doc.put('_root', 'k', 'v')
  const t = doc.putObject('_root', 't', '')
  doc.splice(t, 0, 0, 'abc')
  doc.commit('check', 0)
  const loaded = m.load(doc.save())
  const out = [doc.getHeads(), loaded.toJS(), loaded.text(t), digest(m.encodeSyncState(m.initSyncState()))]
  doc.free()
  loaded.free()
  return out
}
