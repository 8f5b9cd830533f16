// @automerge/automerge-wasm@0.17.0 (bundler target, CLI 0.2.92): a document with maps, lists, text and
// marks, counters, commits, save / load, merge, a sync session between two documents, change decoding.
import { digest } from './prng.mjs'

export const module = 'automerge_wasm'

export function workload(m) {
  return [
    ['create', (s) => ((s.doc = m.create({ actor: 'aa11' })), s.doc.getActorId())],
    ['put scalars', (s) => (s.doc.put('_root', 'title', 'hello'), s.doc.put('_root', 'n', 42, 'int'), s.doc.put('_root', 'f', 1.5), s.doc.keys('_root'))],
    ['a list', (s) => {
      s.list = s.doc.putObject('_root', 'items', [])
      s.doc.insert(s.list, 0, 'a')
      s.doc.insert(s.list, 1, 2)
      s.doc.push(s.list, true)
      return [s.doc.length(s.list), s.doc.get(s.list, 1)]
    }],
    ['text', (s) => {
      s.text = s.doc.putObject('_root', 'text', '')
      s.doc.splice(s.text, 0, 0, 'hello world')
      s.doc.splice(s.text, 5, 1, '_')
      return s.doc.text(s.text)
    }],
    ['marks', (s) => (s.doc.mark(s.text, { start: 0, end: 5, expand: 'both' }, 'bold', true), s.doc.marks(s.text))],
    ['commit', (s) => s.doc.commit('first', 0)],
    ['nested map, counter', (s) => {
      s.doc.putObject('_root', 'map', { a: 1, b: 'x', c: [1, 2] })
      s.doc.put('_root', 'cnt', 0, 'counter')
      s.doc.increment('_root', 'cnt', 5)
      s.doc.commit('second', 0)
      return [s.doc.get('_root', 'cnt'), s.doc.materialize('_root')]
    }],
    ['save', (s) => ((s.bytes = s.doc.save()), digest(s.bytes))],
    ['load and change', (s) => {
      s.doc2 = m.load(s.bytes, { actor: 'bb22' })
      s.doc2.put('_root', 'other', true)
      s.doc2.delete('_root', 'f')
      s.doc2.commit('third', 0)
      return s.doc2.getHeads()
    }],
    ['merge', (s) => (s.doc.merge(s.doc2), [s.doc.getHeads(), s.doc.toJS()])],
    ['sync', (s) => {
      s.doc3 = m.create({ actor: 'cc33' })
      s.s1 = m.initSyncState()
      s.s2 = m.initSyncState()
      let rounds = 0
      for (; rounds < 10; rounds++) {
        const a = s.doc.generateSyncMessage(s.s1)
        if (a) s.doc3.receiveSyncMessage(s.s2, a)
        const b = s.doc3.generateSyncMessage(s.s2)
        if (b) s.doc.receiveSyncMessage(s.s1, b)
        if (!a && !b) break
      }
      return [rounds, s.doc3.getHeads(), digest(m.encodeSyncState(s.s1))]
    }],
    ['decode changes', (s) => s.doc.getChanges([]).map((c) => m.decodeChange(c)).map((d) => [d.hash, d.message, d.ops.length])],
    ['diff', (s) => s.doc.diff([], s.doc.getHeads())],
    ['free', (s) => {
      for (const k of ['doc', 'doc2', 'doc3', 's1', 's2']) s[k].free()
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
