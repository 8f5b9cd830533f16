// A formatter on @biomejs/wasm-web: its .wasm is 35 MB, over the 8 MB that browsers allow to be
// instantiated synchronously on the main thread, so the fresh instance is prepared asynchronously.
import type { Workspace } from '@biomejs/wasm-web'
import { action, errorBadge, statePill } from '../lib/action'
import { card } from '../lib/card'
import { fmtMs, h } from '../lib/dom'
import { digest, errorInfo, runAll, type Step } from '../lib/outcome'
import { stateOf, statsOf } from '../lib/stats'
import type { Biome, Mode } from '../modules/types'

const MODULE = 'biome_wasm'
const SOURCE = `const  greeting={hello:'world',list:[1,2,3,]}
function  shout( name ){return name.toUpperCase( )+'!'}
export default   {greeting,shout}
`

function open(m: Biome, content: string, path: string): { ws: Workspace; projectKey: number; path: string } {
  const ws = new m.Workspace()
  const { projectKey } = ws.openProject({ path: '/', openUninitialized: true })
  ws.openFile({ projectKey, path, content: { type: 'fromClient', content, version: 0 } })
  return { ws, projectKey, path }
}

function format(m: Biome, content: string): string {
  const f = open(m, content, 'playground.js')
  try {
    return f.ws.formatFile({ projectKey: f.projectKey, path: f.path }).code
  } finally {
    f.ws.free()
  }
}

async function waitLive(timeoutMs: number): Promise<number> {
  const t0 = performance.now()
  while (performance.now() - t0 < timeoutMs) {
    if (statsOf(MODULE)?.state === 'live') return performance.now() - t0
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error(`still ${statsOf(MODULE)?.state} after ${timeoutMs} ms`)
}

export function biomeCard(load: Promise<Biome>, mode: Mode): HTMLElement {
  const src = h('textarea', { class: 'doc code', rows: 4, spellcheck: false, testid: 'biome-src' }) as HTMLTextAreaElement
  src.value = SOURCE
  const out = h('pre', { class: 'out', testid: 'biome-out' }, '…')
  const status = h('div', { class: 'status', testid: 'biome-status' })
  const loadInfo = h('div', { class: 'load', testid: 'biome-load', 'data-ready': 'false' }, h('span', { class: 'spinner' }), 'loading 35 MB of wasm…')
  let m: Biome | undefined

  const setStatus = (ok: boolean, text: string, err?: string) => {
    status.replaceChildren(err ? errorBadge(err) : h('span', { class: 'okval' }, '✓'), ' ', text)
    status.dataset.ok = String(ok)
    status.dataset.error = err ?? ''
  }
  const fmt = h(
    'button',
    {
      class: 'btn primary',
      type: 'button',
      testid: 'biome-format',
      disabled: true,
      onclick: () => {
        const t0 = performance.now()
        try {
          out.textContent = format(m!, src.value)
          setStatus(true, `formatted in ${fmtMs(performance.now() - t0)}`)
        } catch (e) {
          const i = errorInfo(e)
          setStatus(false, i.reason ? `reason: ${i.reason}` : i.message, i.name)
        }
      },
    },
    'Format',
  )

  const deep = action({
    id: 'biome-deep',
    label: 'Deep input: 5,000-deep array',
    module: MODULE,
    perform: async () => {
      const deepSrc = '['.repeat(5_000) + ']'.repeat(5_000) + '\n'
      if (mode === 'rollback') return rollbackDemo(deepSrc)
      const steps: Step[] = [
        {
          label: 'new Workspace()  // right away',
          run: () => {
            const ws = new m!.Workspace()
            ws.free()
            return 'a workspace'
          },
        },
      ]
      if (mode !== 'off')
        steps.push({
          label: "await recoveryStats('biome_wasm').state === 'live'",
          run: () => waitLive(60_000),
          show: (ms: number) => `live again after ${fmtMs(ms)}`,
        })
      steps.push({
        label: 'format(editor text)  // new Workspace, openFile, formatFile',
        run: () => {
          const code = format(m!, src.value)
          out.textContent = code
          return code
        },
      })
      const r = await runAll(
        {
          label: "ws.openFile({ path: 'deep.js', content: '[[[[…]]]]' })",
          run: () => {
            const f = open(m!, deepSrc, 'deep.js')
            return f.ws.formatFile({ projectKey: f.projectKey, path: f.path }).code.length
          },
        },
        steps,
      )
      return { ...r, ...stateOf(MODULE) }
    },
  })
  deep.button.disabled = true

  /**
   * Policy 'rollback': the deep input goes into a workspace you hold, with the editor's file open in it.
   * After the rollback (prepared asynchronously: 35 MB) that workspace still has the file, and formats it.
   */
  async function rollbackDemo(deepSrc: string) {
    let held: ReturnType<typeof open> | undefined
    const formatted = (code: string) => `${digest(new TextEncoder().encode(code))} · ${code.split('\n', 1)[0]}…`
    const formatHeld = () => held!.ws.formatFile({ projectKey: held!.projectKey, path: held!.path }).code
    try {
      const r = await runAll(
        {
          label: "ws.openFile({ path: 'deep.js', content: '[[[[…]]]]' }) · formatFile  // in the workspace you hold",
          run: () => {
            const { ws, projectKey } = held!
            ws.openFile({ projectKey, path: 'deep.js', content: { type: 'fromClient', content: deepSrc, version: 0 } })
            return ws.formatFile({ projectKey, path: 'deep.js' }).code.length
          },
        },
        [
          { label: "await recoveryStats('biome_wasm').state === 'live'", run: () => waitLive(60_000), show: (ms: number) => `live again after ${fmtMs(ms)}` },
          { label: 'ws.formatFile(playground.js)  // the workspace you held', run: formatHeld, show: formatted },
          {
            label: 'format(editor text)  // new Workspace, openFile, formatFile',
            run: () => {
              const code = format(m!, src.value)
              out.textContent = code
              return code
            },
          },
        ],
        [
          {
            label: 'ws = new Workspace() · openFile(playground.js: editor text) · formatFile',
            run: () => {
              held = open(m!, src.value, 'playground.js')
              return formatHeld()
            },
            show: formatted,
          },
        ],
      )
      return { ...r, ...stateOf(MODULE) }
    } finally {
      try {
        held?.ws.free()
      } catch {
        // a workspace of a replaced instance: nothing to free
      }
    }
  }

  const t0 = performance.now()
  load.then(
    (mod) => {
      m = mod
      loadInfo.replaceChildren(`ready: 35 MB compiled and instantiated in ${fmtMs(performance.now() - t0)}`)
      loadInfo.dataset.ready = 'true'
      fmt.disabled = false
      deep.button.disabled = false
      fmt.click()
    },
    (e) => {
      loadInfo.replaceChildren(errorBadge(errorInfo(e).name), ` could not load: ${String(e)}`)
      loadInfo.dataset.ready = 'error'
    },
  )

  const pill = h('span', { class: 'live-state' })
  if (mode !== 'off')
    setInterval(() => {
      const s = stateOf(MODULE).state
      if (pill.dataset.state !== s) {
        pill.dataset.state = s
        pill.replaceChildren('module ', statePill(s, 'biome-live-state'))
      }
    }, 50)

  return card({
    id: 'biome',
    title: 'Formatter (35 MB wasm)',
    module: MODULE,
    wide: true,
    intro:
      '<code>@biomejs/wasm-web</code> 2.4.15 (web target, wasm-bindgen 0.2.117). Browsers refuse to compile or instantiate a module over 8 MB synchronously on the main thread, so after an abort the runtime prepares the fresh instance asynchronously: meanwhile the module is <code>recovering</code> and calls throw <code>WasmUnavailableError</code> (reason <code>recovering</code>). A 5,000-deep array literal makes Biome’s parser run off the end of its stack in linear memory: <code>RuntimeError: memory access out of bounds</code>.',
    body: h('div', { class: 'biome' }, loadInfo, h('div', { class: 'split' }, src, out), h('div', { class: 'row-inline' }, h('div', { class: 'buttons' }, fmt), status)),
    side: [pill],
    actions: [deep],
    contrast:
      mode === 'rollback'
        ? { label: "Under the default policy ('reinit'):", text: 'the same WasmAbortError and short “recovering”, then a fresh instance with none of the workspaces you had open.' }
        : mode === 'on'
        ? { label: 'Without the plugin:', text: 'the same RuntimeError: memory access out of bounds (the parser ran off the end of its stack in linear memory), and the instance it killed is all there is: new Workspace() and every format fail until the page reloads.' }
        : { label: 'With the plugin:', text: 'WasmAbortError, a short “recovering” while 35 MB are instantiated in the background, then formatting works in a fresh instance.' },
  })
}
