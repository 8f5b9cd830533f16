// The live panel: each supervised module's state (recoveryStats) and the event log (onRecovery),
// for the page and for the fixture worker (which reports its own).
import { onRecovery, recoveryStats, resetModule, type RecoveryEvent } from '@wasm-recovery/runtime'
import { fmtMs, h } from './dom'
import { statePill } from './action'
import { eventFields, type WorkerStats } from '../workers/protocol'
import type { Mode } from '../modules/types'

interface LogEntry {
  type: string
  module: string
  export?: string
  generation?: number
  durationMs?: number
  /** `rollback`: bytes of linear memory restored. */
  bytes?: number
  /** `rollback-failed`: why. */
  reason?: string
  text?: string
  where: 'page' | 'worker'
}

export interface Panel {
  el: HTMLElement
  workerStats(stats: WorkerStats[]): void
  log(e: LogEntry): void
  refresh(): void
}

const t0 = performance.now()
const fmtBytes = (n: number) => (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MiB` : `${Math.round(n / 1024)} KiB`)
const stamp = () => `+${((performance.now() - t0) / 1000).toFixed(3)} s`

export function createPanel(mode: Mode): Panel {
  const rb = mode === 'rollback'
  let worker: WorkerStats[] = []
  const tbody = h('tbody', { testid: 'stats' })
  const empty = h(
    'p',
    { class: 'muted empty', testid: 'stats-empty' },
    mode === 'off'
      ? 'Nothing is supervised on this page: with the plugin off, a wasm-bindgen module that traps stays the way the trap left it until the page reloads.'
      : 'No module loaded yet.',
  )
  const logList = h('ol', { class: 'log', testid: 'event-log', reversed: true })
  const logEmpty = h(
    'p',
    { class: 'muted empty', testid: 'event-log-empty' },
    mode === 'off' ? 'No events: nothing watches these modules. Uncaught errors are listed here.' : 'No aborts yet. Pull a trigger.',
  )
  const uncaught = h('span', { class: 'count', testid: 'uncaught-count' }, '0')
  let uncaughtN = 0

  const row = (s: WorkerStats, where: 'page' | 'worker') => {
    const key = where === 'worker' ? `worker-${s.module}` : s.module
    const reset =
      where === 'page' && s.state !== 'live'
        ? h('button', { class: 'btn tiny ghost', type: 'button', onclick: () => void resetModule(s.module).then(refresh, refresh) }, 'reset')
        : null
    return h(
      'tr',
      { testid: `stats-${key}`, 'data-state': s.state },
      h('td', { class: 'modname' }, s.module, where === 'worker' ? h('span', { class: 'where' }, 'worker') : null),
      h('td', null, statePill(s.state, `stats-${key}-state`), reset),
      h('td', { class: 'num', testid: `stats-${key}-generation` }, s.generation),
      h('td', { class: 'num', testid: `stats-${key}-aborts` }, s.aborts),
      h('td', { class: 'num', testid: `stats-${key}-reinits` }, s.reinits),
      rb ? h('td', { class: 'num', testid: `stats-${key}-rollbacks` }, s.rollbacks ?? '–') : null,
    )
  }

  let last = ''
  function refresh() {
    const page = recoveryStats()
    const sig = JSON.stringify([page, worker])
    if (sig === last) return
    last = sig
    tbody.replaceChildren(...page.map((s) => row(s, 'page')), ...worker.map((s) => row(s, 'worker')))
    empty.hidden = page.length + worker.length > 0
  }

  function log(e: LogEntry) {
    logEmpty.hidden = true
    const li = h(
      'li',
      {
        class: `ev ev-${e.type}`,
        testid: 'event',
        'data-type': e.type,
        'data-module': e.module,
        'data-where': e.where,
        'data-generation': e.generation,
        'data-duration-ms': e.durationMs,
        'data-bytes': e.bytes,
        'data-reason': e.reason,
      },
      h('span', { class: 'time' }, stamp()),
      h('span', { class: `evtype t-${e.type}` }, e.type),
      h(
        'span',
        { class: 'evbody' },
        e.module ? h('span', { class: 'evmod' }, e.module, e.where === 'worker' ? h('span', { class: 'where' }, 'worker') : null) : null,
        e.export ? h('code', { class: 'evexp' }, e.export) : null,
        e.generation !== undefined ? h('span', { class: 'evgen' }, `gen ${e.generation}`) : null,
        e.durationMs !== undefined ? h('span', { class: 'evms' }, fmtMs(e.durationMs)) : null,
        e.bytes !== undefined ? h('span', { class: 'evbytes', title: `${e.bytes} bytes of linear memory restored` }, fmtBytes(e.bytes)) : null,
      ),
      e.text || e.reason ? h('span', { class: 'evtext', title: e.text ?? e.reason }, e.text ?? e.reason) : null,
    )
    logList.prepend(li)
    while (logList.children.length > 300) logList.lastChild!.remove()
  }

  onRecovery((e: RecoveryEvent) => {
    const f = eventFields(e)
    log({ ...f, text: f.panicMessage, where: 'page' })
    refresh()
  })
  const onUncaught = (what: string) => {
    uncaughtN++
    uncaught.textContent = String(uncaughtN)
    uncaught.classList.add('bad')
    log({ type: 'uncaught', module: '', text: what, where: 'page' })
  }
  addEventListener('error', (ev) => onUncaught(String(ev.error ?? ev.message)))
  addEventListener('unhandledrejection', (ev) => onUncaught(`unhandled rejection: ${String(ev.reason)}`))
  setInterval(refresh, 200)

  const el = h(
    'aside',
    { class: rb ? 'panel rb' : 'panel' },
    h(
      'section',
      { class: 'panel-box' },
      h('h2', null, 'Modules', h('span', { class: 'hint' }, 'recoveryStats()')),
      h('table', { class: 'stats' }, h('thead', null, h('tr', null, h('th', null, 'module'), h('th', null, 'state'), h('th', null, 'gen'), h('th', null, 'aborts'), h('th', null, 'reinits'), rb ? h('th', { title: 'recoveryStats().rollbacks' }, 'roll\u00adbacks') : null)), tbody),
      empty,
    ),
    h(
      'section',
      { class: 'panel-box grow' },
      h('h2', null, 'Event log', h('span', { class: 'hint' }, 'onRecovery()')),
      h('div', { class: 'uncaught' }, 'uncaught errors on this page: ', uncaught),
      logEmpty,
      logList,
    ),
  )
  refresh()
  return {
    el,
    workerStats(stats) {
      worker = stats
      refresh()
    },
    log,
    refresh,
  }
}
