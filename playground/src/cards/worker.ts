// The fixture in a module Web Worker: its own glue copy, its own supervisor, its own recovery.
import { action, errorBadge } from '../lib/action'
import { card } from '../lib/card'
import { h } from '../lib/dom'
import type { ActionResult } from '../lib/outcome'
import type { Panel } from '../lib/panel'
import type { FromWorker, ToWorker, WorkerOp, WorkerStats } from '../workers/protocol'
import type { Mode } from '../modules/types'

const MODULE = 'wr_fixture'

export function workerCard(make: () => Worker, panel: Panel, mode: Mode): HTMLElement {
  const worker = make()
  const status = h('div', { class: 'load', testid: 'worker-load', 'data-ready': 'false' }, h('span', { class: 'spinner' }), 'starting the worker…')
  const waiting = new Map<number, (r: Extract<FromWorker, { type: 'result' }>) => void>()
  let seq = 0
  let stats: WorkerStats[] = []

  worker.addEventListener('message', (ev: MessageEvent<FromWorker>) => {
    const msg = ev.data
    if (msg.type === 'ready') {
      status.replaceChildren('worker ready')
      status.dataset.ready = 'true'
      stats = msg.stats
      panel.workerStats(stats)
    } else if (msg.type === 'load-error') {
      status.replaceChildren(errorBadge('Error'), ` the worker could not load its module: ${msg.message}`)
      status.dataset.ready = 'error'
    } else if (msg.type === 'event') {
      panel.log({ ...msg.event, text: msg.event.panicMessage, where: 'worker' })
    } else if (msg.type === 'result') {
      stats = msg.stats
      panel.workerStats(stats)
      waiting.get(msg.id)?.(msg)
      waiting.delete(msg.id)
    }
  })
  worker.addEventListener('error', (ev) => {
    status.replaceChildren(errorBadge('Error'), ` worker error: ${ev.message}`)
    status.dataset.ready = 'error'
  })

  const ask = (op: WorkerOp) =>
    new Promise<ActionResult>((resolve) => {
      const id = ++seq
      waiting.set(id, (r) => {
        const s = r.stats.find((x) => x.module === MODULE)
        resolve({ before: r.before, trigger: r.trigger, steps: r.steps, state: s?.state ?? 'unsupervised', generation: s?.generation })
      })
      worker.postMessage({ id, op } satisfies ToWorker)
    })

  const panic = action({ id: 'worker-panic', label: 'Panic in the worker', module: `${MODULE} (worker)`, perform: () => ask('panic') })
  const mut = action({ id: 'worker-mut', label: 'Panic in &mut self in the worker', module: `${MODULE} (worker)`, perform: () => ask('mut') })

  return card({
    id: 'worker',
    title: 'In a Web Worker',
    module: MODULE,
    intro:
      'The same fixture, imported by a module worker (<code>new Worker(new URL(\'./workers/fixture.ts\', import.meta.url), { type: \'module\' })</code>). The worker bundle gets the plugin too; its events are forwarded to the log.',
    body: status,
    actions: [panic, mut],
    contrast:
      mode === 'on'
        ? { label: 'Without the plugin:', text: 'RuntimeError: unreachable inside the worker; its instance carries on until the leaked shadow stack runs out (about 7,300 panics), and the counter you held stays poisoned ("recursive use of an object detected…").' }
        : mode === 'rollback'
          ? { label: "Under the default policy ('reinit'):", text: 'WasmAbortError in the worker and a fresh, empty instance there: the counter you held is stale.' }
          : { label: 'With the plugin:', text: 'WasmAbortError in the worker, and a fresh instance there: no panic leaks into the next.' },
  })
}
