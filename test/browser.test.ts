// The playground (playground/) in a real browser: Debian's Chromium driven by playwright-core, against
// Vite's dev server and against a production build (build + preview), each with the plugin on (the
// page as it is) and off (`?plugin=off`: the same packages' glue left untouched by the plugin).
//
// Plugin on, every trigger must show its typed error in the page and the module's next operation must
// work — on the main thread, in a module Web Worker, and for a 35 MB module whose fresh instance is
// prepared asynchronously ('recovering', then 'live'). The page never reloads, and nothing is logged as
// an error but the panic hook's own text. Plugin off, the same clicks leave objects and instances
// poisoned. WR_PLAYGROUND_SCREENSHOT=<file.png> saves a screenshot of the page after its recoveries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { launchChromium, openPage, servePlayground, type Browser, type Served, type Watched } from './helpers/browser.js'

/** What the panic hook prints (console_error_panic_hook style): expected on every panic. */
const PANIC_TEXT = /^panicked at /

interface Expect {
  /** The trigger's error name (`none` when it returned, `pending` when its Promise never settled). */
  error: string | RegExp
  reason?: string
  /** Error names of the steps between the trigger and the next operation ('' = it worked). */
  steps?: (string | RegExp)[]
  /** Does the module's next operation work? */
  next: boolean
  /** Its error name when it does not. */
  nextError?: string
  state: string
  /** Text the result box must contain. */
  text?: RegExp
}

const RECURSIVE = /recursive use of an object detected/

const ON: Record<string, Expect> = {
  panic: { error: 'WasmAbortError', steps: [''], next: true, state: 'live', text: /boom from the playground/ },
  mut: { error: 'WasmAbortError', steps: ['WasmStaleObjectError'], next: true, state: 'live', text: /panic_in_mut at value 42/ },
  callback: { error: 'Error', steps: ['WasmAbortError'], next: true, state: 'live', text: /callback refused/ },
  closure: { error: 'WasmAbortError', steps: ['WasmStaleObjectError'], next: true, state: 'live', text: /closure called with 0/ },
  oom: { error: 'WasmAbortError', next: true, state: 'live', text: /RuntimeError: unreachable/ },
  overflow: { error: 'WasmAbortError', next: true, state: 'live', text: /RangeError/ },
  async: { error: 'WasmAbortError', next: true, state: 'live', text: /async boom/ },
  'photon-crop': { error: 'WasmAbortError', steps: ['WasmStaleObjectError', ''], next: true, state: 'live' },
  'photon-garbage': { error: 'WasmAbortError', steps: ['WasmStaleObjectError', ''], next: true, state: 'live', text: /decoded 480×300/ },
  'am-isolate': { error: 'WasmAbortError', steps: ['WasmStaleObjectError', ''], next: true, state: 'live', text: /Change's deps should already be in the document/ },
  'am-deep': { error: 'WasmAbortError', steps: ['WasmStaleObjectError', ''], next: true, state: 'live' },
  // 35 MB: the fresh instance is made asynchronously; calls meanwhile are refused with reason 'recovering'
  'biome-deep': { error: 'WasmAbortError', steps: ['WasmUnavailableError', ''], next: true, state: 'live', text: /reason: recovering[\s\S]*live again after/ },
  'worker-panic': { error: 'WasmAbortError', next: true, state: 'live', text: /boom in a worker/ },
  'worker-mut': { error: 'WasmAbortError', steps: ['WasmStaleObjectError'], next: true, state: 'live' },
  storm: { error: 'WasmUnavailableError', reason: 'breaker', next: false, nextError: 'WasmUnavailableError', state: 'poisoned', text: /20 × WasmAbortError, 5 × WasmUnavailableError \(breaker\)/ },
  reset: { error: 'none', next: true, state: 'live' },
}

const OFF: Record<string, Expect> = {
  panic: { error: 'RuntimeError', steps: [''], next: true, state: 'unsupervised' },
  mut: { error: 'RuntimeError', steps: [RECURSIVE], next: true, state: 'unsupervised' },
  callback: { error: 'Error', steps: [RECURSIVE], next: true, state: 'unsupervised' },
  closure: { error: 'RuntimeError', steps: [''], next: true, state: 'unsupervised' },
  oom: { error: 'RuntimeError', next: true, state: 'unsupervised' },
  overflow: { error: 'RangeError', next: true, state: 'unsupervised' },
  // the Promise never settles, and the trap surfaces as an uncaught error
  async: { error: 'pending', next: true, state: 'unsupervised' },
  'am-isolate': { error: 'RuntimeError', steps: [RECURSIVE, ''], next: true, state: 'unsupervised' },
  // the whole instance is dead: even load() of the saved bytes fails
  'am-deep': { error: 'RuntimeError', steps: [RECURSIVE, 'RuntimeError'], next: false, state: 'unsupervised' },
  'biome-deep': { error: /^(RuntimeError|RangeError)$/, steps: [/./], next: false, state: 'unsupervised' },
  'worker-panic': { error: 'RuntimeError', next: true, state: 'unsupervised' },
  'worker-mut': { error: 'RuntimeError', steps: [RECURSIVE], next: true, state: 'unsupervised' },
  storm: { error: 'RuntimeError', next: true, state: 'unsupervised', text: /25 × RuntimeError/ },
}

interface Row {
  ok: boolean
  error: string
  text: string
}
interface Box {
  error: string
  reason: string | null
  rows: Row[]
  state: string
  text: string
}

async function readBox(page: Page, id: string): Promise<Box> {
  return page.evaluate((id) => {
    const box = document.querySelector<HTMLElement>(`[data-testid="${id}"]`)!
    const q = (s: string) => box.querySelector<HTMLElement>(`[data-testid="${s}"]`)
    const rows = Array.from(box.querySelectorAll<HTMLElement>('.row.step')).map((r) => ({
      ok: r.dataset.ok === 'true',
      error: r.dataset.error ?? '',
      text: r.innerText,
    }))
    return {
      error: q(`${id}-error`)!.innerText,
      reason: q(`${id}-trigger`)!.dataset.reason ?? null,
      rows,
      state: q(`${id}-state`)!.innerText,
      text: box.innerText,
    }
  }, id)
}

async function click(page: Page, id: string): Promise<Box> {
  const before = (await page.getAttribute(`[data-testid="${id}"]`, 'data-runs')) ?? '0'
  await page.click(`[data-testid="${id}-btn"]`)
  await page.waitForSelector(`[data-testid="${id}"][data-status="done"]:not([data-runs="${before}"])`, { timeout: 90_000 })
  return readBox(page, id)
}

function check(id: string, box: Box, want: Expect): void {
  const where = `${id}: ${box.text}`
  if (want.error instanceof RegExp) expect(box.error, where).toMatch(want.error)
  else expect(box.error, where).toBe(want.error)
  if (want.reason) expect(box.reason, where).toBe(want.reason)
  const steps = box.rows.slice(0, -1)
  const next = box.rows.at(-1)!
  for (const [i, s] of (want.steps ?? []).entries()) {
    const row = steps[i]
    expect(row, `${where}\n(step ${i})`).toBeDefined()
    if (s === '') expect(row.ok, `${where}\n(step ${i} should work)`).toBe(true)
    else if (s instanceof RegExp) {
      expect(row.ok, `${where}\n(step ${i} should fail)`).toBe(false)
      expect(row.text, where).toMatch(s)
    } else expect(row.error, `${where}\n(step ${i})`).toBe(s)
  }
  expect(next.ok, `${where}\n(next operation)`).toBe(want.next)
  if (want.nextError) expect(next.error, where).toBe(want.nextError)
  expect(box.state, where).toBe(want.state)
  if (want.text) expect(box.text, where).toMatch(want.text)
}

async function load(w: Watched, url: string): Promise<{ bootId: string; navigations: () => number }> {
  let navigations = 0
  w.page.on('framenavigated', (f) => {
    if (f === w.page.mainFrame()) navigations++
  })
  await w.page.goto(url)
  await w.page.waitForSelector('#app[data-ready="true"]', { timeout: 60_000 })
  await w.page.waitForSelector('[data-testid="biome-load"][data-ready="true"]', { timeout: 90_000 })
  await w.page.waitForSelector('[data-testid="worker-load"][data-ready="true"]', { timeout: 30_000 })
  const bootId = await w.page.evaluate(() => (window as any).__wrPlayground?.bootId as string)
  expect(bootId).toBeTruthy()
  return { bootId, navigations: () => navigations }
}

function unexpectedConsole(w: Watched): string[] {
  return w.consoleErrors.filter((t) => !PANIC_TEXT.test(t))
}

let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

describe.each(['dev', 'preview'] as const)('playground in Chromium (%s)', (kind) => {
  let served: Served
  beforeAll(async () => {
    served = await servePlayground(kind)
  })
  afterAll(async () => {
    await served?.close()
  })

  it('plugin on: every trigger shows its typed error, the next call works, the page never reloads', async () => {
    const w = await openPage(browser.context)
    try {
      const { bootId, navigations } = await load(w, served.url)
      expect(await w.page.getAttribute('[data-testid="mode"]', 'data-mode')).toBe('on')
      for (const [id, want] of Object.entries(ON)) check(id, await click(w.page, id), want)

      // the panel: every module live again, counted; the log has the events, the worker's included
      const stats = await w.page.evaluate(() =>
        Object.fromEntries(
          Array.from(document.querySelectorAll<HTMLElement>('[data-testid^="stats-"][data-state]')).map((r) => [
            r.dataset.testid!.slice('stats-'.length),
            { state: r.dataset.state, aborts: Number(r.querySelector<HTMLElement>('[data-testid$="-aborts"]')!.innerText) },
          ]),
        ),
      )
      for (const m of ['wr_fixture', 'photon_rs', 'automerge_wasm', 'biome_wasm', 'worker-wr_fixture']) {
        expect(stats[m], m).toBeDefined()
        expect(stats[m].state, m).toBe('live')
        expect(stats[m].aborts, m).toBeGreaterThan(0)
      }
      expect(stats.wr_fixture.aborts).toBeGreaterThanOrEqual(27)
      const events = await w.page.$$eval('[data-testid="event"]', (els) =>
        els.map((e) => `${(e as HTMLElement).dataset.where} ${(e as HTMLElement).dataset.type} ${(e as HTMLElement).dataset.module}`),
      )
      for (const e of [
        'page abort wr_fixture',
        'page reinit wr_fixture',
        'page poisoned wr_fixture',
        'page abort photon_rs',
        'page reinit automerge_wasm',
        'page reinit biome_wasm',
        'worker abort wr_fixture',
        'worker reinit wr_fixture',
      ])
        expect(events, e).toContain(e)
      expect(await w.page.innerText('[data-testid="uncaught-count"]')).toBe('0')

      // the photon editor still edits after its panics
      await w.page.click('[data-testid="photon-filter-sepia"]')
      expect(await w.page.getAttribute('[data-testid="photon-status"]', 'data-ok')).toBe('true')
      await w.page.click('[data-testid="biome-format"]')
      expect(await w.page.getAttribute('[data-testid="biome-status"]', 'data-ok')).toBe('true')
      // and the automerge editor takes keystrokes on the document reloaded from its last save
      await w.page.locator('[data-testid="am-text"]').pressSequentially(' ok')
      expect(await w.page.getAttribute('[data-testid="am-status"]', 'data-ok')).toBe('true')
      expect(await w.page.inputValue('[data-testid="am-text"]')).toMatch(/ ok$/)

      expect(await w.page.evaluate(() => (window as any).__wrPlayground?.bootId)).toBe(bootId)
      expect(navigations()).toBe(1)
      expect(w.pageErrors).toEqual([])
      expect(unexpectedConsole(w)).toEqual([])
      expect(w.consoleErrors.some((t) => PANIC_TEXT.test(t))).toBe(true)
    } finally {
      await w.page.close()
    }
  })

  // docs/playground.png: WR_PLAYGROUND_SCREENSHOT=docs/playground.png npm test -- test/browser.test.ts -t screenshot
  // (defined only when asked for: a normal run has no skipped test)
  if (kind === 'dev' && process.env.WR_PLAYGROUND_SCREENSHOT)
  it('screenshot after a few recoveries', async () => {
    const w = await openPage(browser.context)
    try {
      await load(w, served.url)
      for (const id of ['panic', 'worker-panic', 'am-isolate', 'biome-deep', 'mut', 'photon-crop']) await click(w.page, id)
      await w.page.click('[data-testid="photon-filter-lofi"]') // the editor works on after its panic
      await w.page.evaluate(() => window.scrollTo(0, 0))
      await w.page.waitForTimeout(800) // let the highlight animations end
      await w.page.screenshot({ path: process.env.WR_PLAYGROUND_SCREENSHOT! })
      expect(w.pageErrors).toEqual([])
    } finally {
      await w.page.close()
    }
  })

  it('plugin off: the same clicks leave objects and instances poisoned', async () => {
    const w = await openPage(browser.context)
    try {
      const { bootId, navigations } = await load(w, served.url + '?plugin=off')
      expect(await w.page.getAttribute('[data-testid="mode"]', 'data-mode')).toBe('off')
      // photon ships only bundler-target glue: without a wasm plugin Vite cannot load it
      expect(await w.page.getAttribute('[data-testid="card-photon"]', 'data-unavailable')).toBe('true')
      for (const [id, want] of Object.entries(OFF)) check(id, await click(w.page, id), want)
      expect(await w.page.isDisabled('[data-testid="reset-btn"]')).toBe(true)
      // the automerge editor is stuck on its poisoned document
      await w.page.locator('[data-testid="am-text"]').pressSequentially('x')
      expect(await w.page.getAttribute('[data-testid="am-status"]', 'data-ok')).toBe('false')

      // nothing supervises, nothing is reported
      expect(await w.page.$$('[data-testid="event"][data-type="abort"]')).toHaveLength(0)
      expect(await w.page.isVisible('[data-testid="stats-empty"]')).toBe(true)
      // the async panic surfaced as an uncaught error (and finalizers of poisoned objects may throw too)
      const allowed = /unreachable|recursive use of an object detected|memory access out of bounds/
      expect(w.pageErrors.some((e) => /unreachable/.test(e)), w.pageErrors.join('\n')).toBe(true)
      expect(w.pageErrors.filter((e) => !allowed.test(e))).toEqual([])
      expect(Number(await w.page.innerText('[data-testid="uncaught-count"]'))).toBeGreaterThan(0)
      expect(unexpectedConsole(w).filter((t) => !allowed.test(t))).toEqual([])

      expect(await w.page.evaluate(() => (window as any).__wrPlayground?.bootId)).toBe(bootId)
      expect(navigations()).toBe(1)
    } finally {
      await w.page.close()
    }
  })
})
