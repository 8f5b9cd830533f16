// A tiny collaborative-text editor on @automerge/automerge-wasm: every keystroke is a change, every
// change is saved (bytes kept in JS), and two real ways to kill the document.
import type { Automerge as Doc } from '@automerge/automerge-wasm'
import { action, errorBadge } from '../lib/action'
import { card } from '../lib/card'
import { h } from '../lib/dom'
import { digest, errorInfo, runAll, show, type Step } from '../lib/outcome'
import { stateOf } from '../lib/stats'
import type { Automerge, Mode } from '../modules/types'

const MODULE = 'automerge_wasm'
const ACTOR = 'aabbccdd'
const START = 'Automerge keeps every edit as a change.\nType here: each keystroke is committed and saved.'

function nested(depth: number): object {
  let o: object = { leaf: true }
  for (let i = 0; i < depth; i++) o = { x: o }
  return o
}

export function automergeCard(am: Automerge, mode: Mode): HTMLElement {
  let doc: Doc = am.create({ actor: ACTOR })
  let text = doc.putObject('_root', 'text', '') as string
  doc.updateText(text, START)
  doc.commit('start', 0)
  let saved = doc.save()
  let changes = 1

  const area = h('textarea', { class: 'doc', rows: 5, spellcheck: false, testid: 'am-text' }) as HTMLTextAreaElement
  area.value = START
  const info = h('div', { class: 'canvas-info', testid: 'am-info' })
  const status = h('div', { class: 'status', testid: 'am-status' })
  const refreshInfo = () => {
    const heads = (() => {
      try {
        return doc.getHeads()[0]?.slice(0, 8) ?? '–'
      } catch {
        return '?'
      }
    })()
    info.textContent = `${changes} changes · last save ${saved.length} bytes · head ${heads}`
  }
  const setStatus = (ok: boolean, text: string, err?: string) => {
    status.replaceChildren(err ? errorBadge(err) : h('span', { class: 'okval' }, '✓'), ' ', text)
    status.dataset.ok = String(ok)
    status.dataset.error = err ?? ''
  }
  area.addEventListener('input', () => {
    try {
      doc.updateText(text, area.value)
      doc.commit(undefined, Date.now())
      saved = doc.save()
      changes++
      setStatus(true, 'committed and saved')
    } catch (e) {
      const i = errorInfo(e)
      setStatus(false, i.message, i.name)
    }
    refreshInfo()
  })

  /** An edit on the doc held now, saved: the same after a reinit (on the reloaded doc) and a rollback. */
  const editRun = () => {
    doc.splice(text, 0, 0, '✓ ')
    doc.commit('recovered', Date.now())
    saved = doc.save()
    changes++
    area.value = doc.text(text)
    refreshInfo()
    return area.value
  }

  /** After a trigger: the doc you held, then the document loaded from the last save into a new doc. */
  const after = (): Step[] => [
    { label: 'doc.text(t)  // the doc you held', run: () => doc.text(text) },
    {
      label: 'doc = load(lastSave)',
      run: () => {
        doc = am.load(saved, { actor: ACTOR })
        text = doc.get('_root', 'text') as string
        changes = doc.getHeads().length ? changes : 0
        refreshInfo()
        return doc.text(text)
      },
    },
    { label: "doc.splice(t, 0, 0, '✓ ') · commit", run: editRun },
  ]

  // Rollback mode: the doc you held keeps its content. Its text and its saved bytes (as a digest), read
  // before the trigger and again after it; then an edit on that same doc.
  const textOf: Step = { label: 'doc.text(t)', run: () => doc.text(text), show: (v: string) => `${v.length} chars · ${show(v)}` }
  const saveOf: Step = { label: 'digest(doc.save())', run: () => digest(doc.save()), show: (v) => v }
  const edit: Step = { label: "doc.splice(t, 0, 0, '✓ ') · commit · save", run: editRun }
  const kept = (): Step[] => [
    { ...textOf, label: 'doc.text(t)  // the doc you held' },
    { ...saveOf, label: 'digest(doc.save())  // the same bytes' },
    edit,
  ]

  const isolate = action({
    id: 'am-isolate',
    label: 'Isolate at an unknown head',
    module: MODULE,
    perform: async () => {
      const trigger = {
        label: "doc.isolate(['00'.repeat(32)]); doc.put('_root', 'b', 2); doc.commit()",
        run: () => {
          doc.isolate(['00'.repeat(32)])
          doc.put('_root', 'b', 2)
          return doc.commit()
        },
      }
      // rollback: the state from just before the failed call: the commit is undone, the isolate and put
      // before it are not (the put is still pending). Drop it and leave the isolation: the doc is as it was.
      const r =
        mode === 'rollback'
          ? await runAll(
              trigger,
              [
                { label: "doc.get('_root', 'b')  // the put before the commit", run: () => doc.get('_root', 'b') },
                { label: 'doc.rollback()  // drops the pending put', run: () => doc.rollback() },
                { label: 'doc.integrate()', run: () => doc.integrate() },
                ...kept(),
              ],
              [textOf, saveOf],
            )
          : await runAll(trigger, after())
      return { ...r, ...stateOf(MODULE) }
    },
  })
  const deep = action({
    id: 'am-deep',
    label: 'Deep input (20,000 levels)',
    module: MODULE,
    perform: async () => {
      const trigger = { label: "doc.putObject('_root', 'x', <20,000-level object>)", run: () => doc.putObject('_root', 'x', nested(20_000) as never) }
      const r = mode === 'rollback' ? await runAll(trigger, kept(), [textOf, saveOf]) : await runAll(trigger, after())
      return { ...r, ...stateOf(MODULE) }
    },
  })

  refreshInfo()
  setStatus(true, 'ready: type in the box')
  return card({
    id: 'automerge',
    title: 'CRDT document',
    module: MODULE,
    wide: true,
    intro:
      '<code>@automerge/automerge-wasm</code> 0.17.0 (wasm-bindgen 0.2.92). The text lives in an Automerge document; its saved bytes stay in JS. Isolating the document at a head it has never seen and committing panics (<i>“Change\'s deps should already be in the document”</i>); a 20,000-level object overflows the stack.',
    body: h('div', { class: 'doc-wrap' }, area, info, status),
    side: [],
    actions: [isolate, deep],
    contrast:
      mode === 'rollback'
        ? { label: "Under the default policy ('reinit'):", text: 'the doc you held is refused as stale (WasmStaleObjectError) and the editor reloads its last save into a new doc.' }
        : mode === 'on'
        ? { label: 'Without the plugin:', text: 'the document is poisoned — every call throws "recursive use of an object detected…" — and after the deep input the whole instance is dead (memory access out of bounds).' }
        : { label: 'With the plugin:', text: 'a WasmAbortError, the old doc is refused as stale, and load(lastSave) brings the text back in a fresh instance.' },
  })
}
