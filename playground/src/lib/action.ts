// One demo action: a button, and a result box that tells what happened in a way people and tests read.
//
// Result box (data-testid = the action's id), data-status idle | running | done:
//   {id}-before-N what was read before the trigger (rollback mode; data-value)
//   {id}-error   the trigger's error name (WasmAbortError, RuntimeError, …) or "none"
//   {id}-step-N  each step after the trigger (data-ok, data-error); the last one is {id}-next:
//   {id}-next    the module's next operation (data-ok="true" when it worked)
//   {id}-state   the module's state afterwards (live, recovering, poisoned, … or unsupervised)
import { code, fmtMs, h } from './dom'
import type { ActionResult, Outcome } from './outcome'

export interface ActionDef {
  id: string
  label: string
  variant?: 'danger' | 'primary' | 'ghost'
  title?: string
  /** The module whose state the box shows. */
  module: string
  perform: () => Promise<ActionResult>
}

export interface Action {
  button: HTMLButtonElement
  box: HTMLElement
  run(): Promise<void>
}

const TYPED = new Set(['WasmAbortError', 'WasmStaleObjectError', 'WasmUnavailableError'])

export function errorBadge(name: string): HTMLElement {
  const cls = name === 'WasmAbortError' ? 'abort' : name === 'WasmStaleObjectError' ? 'stale' : name === 'WasmUnavailableError' ? 'unavail' : 'raw'
  return h('span', { class: `badge ${cls}`, title: TYPED.has(name) ? 'typed error from @wasm-recovery/runtime' : 'untyped error' }, name)
}

export function statePill(state: string, testid?: string): HTMLElement {
  return h('span', { class: `pill state-${state}`, testid }, state)
}

function outcomeRow(o: Outcome, testid: string, kind: 'before' | 'trigger' | 'step'): HTMLElement {
  const row = h('div', {
    class: `row ${kind} ${o.ok ? 'ok' : o.pending ? 'pending' : 'err'}`,
    testid,
    'data-ok': String(o.ok),
    'data-error': o.error?.name ?? (o.pending ? 'pending' : ''),
    'data-reason': o.error?.reason,
    'data-value': o.ok ? (o.value ?? '') : undefined,
    'data-rollback': o.error?.rollback !== undefined ? String(o.error.rollback) : undefined,
  })
  row.append(h('span', { class: 'mark' }, o.ok ? '✓' : o.pending ? '…' : '✗'), code(o.label))
  const val = h('span', { class: 'val' }, h('span', { class: 'arrow' }, '→'))
  if (o.ok) val.append(h('span', { class: 'okval' }, o.value ?? ''))
  else if (o.pending) val.append(h('span', { class: 'badge raw' }, 'never settled'), ` still pending after ${fmtMs(o.ms)}`)
  else if (o.error) {
    val.append(errorBadge(o.error.name))
    const e = o.error
    const detail = o.summary ??
      (e.name === 'WasmUnavailableError'
        ? `reason: ${e.reason}`
        : e.name === 'WasmStaleObjectError'
          ? `made by generation ${e.generation}, since replaced`
        : e.name === 'WasmAbortError'
          ? e.panicMessage
            ? `panic: ${e.panicMessage}`
            : `${e.cause ?? 'trap'}: ${e.message.replace(/^.*?: /, '').replace(/\. (The instance was discarded|Its state from before the call is restored).*$/, '')}`
          : e.message)
    // err.rollback: policy 'rollback' restores the state from before the call (before the detail, which is cut to fit)
    if (e.rollback) val.append(h('span', { class: 'tag rb', title: "err.rollback === true: the state from before the call is restored" }, 'rollback'))
    val.append(h('span', { class: 'detail', title: e.message }, detail))
  }
  row.append(val)
  return row
}

/** Fills a result box. */
export function renderResult(box: HTMLElement, id: string, module: string, r: ActionResult, ms: number): void {
  box.replaceChildren()
  const err = r.trigger.error?.name ?? (r.trigger.pending ? 'pending' : 'none')
  box.dataset.error = err
  box.append(h('div', { class: 'summary' }, 'trigger ', h('span', { testid: `${id}-error`, class: 'err-name' }, err)))
  r.before?.forEach((s, i) => box.append(outcomeRow(s, `${id}-before-${i}`, 'before')))
  box.append(outcomeRow(r.trigger, `${id}-trigger`, 'trigger'))
  r.steps.forEach((s, i) => box.append(outcomeRow(s, i === r.steps.length - 1 ? `${id}-next` : `${id}-step-${i}`, 'step')))
  box.append(
    h(
      'div',
      { class: 'foot' },
      h('span', { class: 'mod' }, module),
      statePill(r.state, `${id}-state`),
      r.generation !== undefined ? h('span', { class: 'gen' }, `generation ${r.generation}`) : null,
      h('span', { class: 'ms' }, fmtMs(ms)),
    ),
  )
}

export function action(def: ActionDef): Action {
  const box = h('div', { class: 'result', testid: def.id, 'data-status': 'idle', hidden: true })
  const button = h('button', { class: `btn ${def.variant ?? 'danger'}`, testid: `${def.id}-btn`, title: def.title, type: 'button' }, def.label)
  const a: Action = {
    button,
    box,
    async run() {
      button.disabled = true
      box.hidden = false
      box.dataset.status = 'running'
      box.classList.add('running')
      const t0 = performance.now()
      try {
        const r = await def.perform()
        renderResult(box, def.id, def.module, r, performance.now() - t0)
      } catch (e) {
        box.replaceChildren(h('div', { class: 'row err' }, `the demo itself failed: ${String(e)}`))
        box.dataset.error = 'demo-failed'
      } finally {
        box.classList.remove('running')
        box.dataset.status = 'done'
        box.dataset.runs = String(Number(box.dataset.runs ?? 0) + 1)
        button.disabled = false
        box.classList.remove('flash')
        void box.offsetWidth
        box.classList.add('flash')
      }
    },
  }
  button.addEventListener('click', () => void a.run())
  return a
}
