// @automerge/automerge-wasm@0.17.0 (CLI 0.2.92): bundler, nodejs (.cjs), web, deno.
import { gcTwice, outcome } from '../lib.mjs'
import { statsOf } from './_util.mjs'

const ACTOR = 'aabbccdd'
const nested = (depth) => {
  let o = { leaf: true }
  for (let i = 0; i < depth; i++) o = { x: o }
  return o
}

export async function equivalence(m) {
  const r = {}
  const doc = m.create({ actor: ACTOR })
  r.put = outcome(() => doc.put('_root', 'title', 'hello'))
  r.putObject = outcome(() => doc.putObject('_root', 'list', [1, 2, 'three', { four: 4 }]))
  r.text = outcome(() => {
    const t = doc.putObject('_root', 'text', '')
    doc.splice(t, 0, 0, 'Hello world')
    return doc.text(t)
  })
  r.commit = outcome(() => doc.commit('first', 0))
  r.materialize = outcome(() => doc.materialize('/'))
  r.keys = outcome(() => doc.keys('_root'))
  r.heads = outcome(() => doc.getHeads())
  r.saveLength = outcome(() => doc.save().length)
  r.save = outcome(() => doc.save())
  r.load = outcome(() => m.load(doc.save()).materialize('/'))
  r.badObject = outcome(() => doc.get('not-an-object', 'x'))
  r.free = outcome(() => doc.free())
  return r
}

export async function trigger(m, ctx) {
  const r = {}
  const doc = m.create({ actor: ACTOR })
  r.before = outcome(() => (doc.put('_root', 'a', 1), doc.commit('a', 0)))
  r.statsBefore = statsOf(ctx.module)
  r.trigger = outcome(() => {
    doc.isolate(['00'.repeat(32)])
    doc.put('_root', 'b', 2)
    return doc.commit()
  })
  r.statsAfter = statsOf(ctx.module)
  r.newObject = outcome(() => {
    const d = m.create({ actor: ACTOR })
    d.put('_root', 'c', 3)
    d.commit('c', 0)
    return d.materialize('/')
  })
  r.freeFunction = outcome(() => m.decodeSyncState(m.encodeSyncState(m.initSyncState())) ? 'ok' : 'none')
  r.stale = outcome(() => doc.materialize('/'))
  r.staleArgument = outcome(() => m.create({ actor: ACTOR }).merge(doc))
  r.staleFree = outcome(() => doc.free())
  await gcTwice()
  r.afterGc = outcome(() => m.create().put('_root', 'd', 4))
  r.statsEnd = statsOf(ctx.module)
  return r
}

export async function deep(m, ctx) {
  const r = {}
  const healthy = m.create({ actor: ACTOR })
  healthy.put('_root', 'ok', true)
  const doc = m.create({ actor: ACTOR })
  r.statsBefore = statsOf(ctx.module)
  r.trigger = outcome(() => doc.putObject('_root', 'x', nested(20_000)))
  r.statsAfter = statsOf(ctx.module)
  r.newObject = outcome(() => {
    const d = m.create({ actor: ACTOR })
    d.putObject('_root', 'y', nested(10))
    return d.keys('_root')
  })
  r.stale = outcome(() => doc.keys('_root'))
  r.healthyBefore = outcome(() => healthy.get('_root', 'ok'))
  await gcTwice()
  r.afterGc = outcome(() => m.create().put('_root', 'd', 4))
  r.statsEnd = statsOf(ctx.module)
  return r
}
