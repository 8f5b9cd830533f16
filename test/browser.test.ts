// The playground (playground/) in a real browser: Debian's Chromium driven by playwright-core, against
// Vite's dev server and against a production build (build + preview), each with the plugin on (the
// page as it is), with policy 'rollback' (`?policy=rollback`: the same packages' glue under that policy)
// and off (`?plugin=off`: the same packages' glue left untouched by the plugin).
//
// Plugin on, every trigger must show its typed error in the page and the module's next operation must
// work — on the main thread, in a module Web Worker, and for a 35 MB module whose fresh instance is
// prepared asynchronously ('recovering', then 'live'). The page never reloads, and nothing is logged as
// an error but the panic hook's own text. Plugin off, the same clicks leave objects and instances
// poisoned. Policy 'rollback', the same triggers leave the objects the page holds (a Counter, a
// PhotonImage, an Automerge doc, a Biome workspace) valid and byte-for-byte as they were before the failed
// call. WR_PLAYGROUND_SCREENSHOT=<file.png> saves a screenshot of the page after its recoveries (and
// <file>-rollback.png of the rollback page).
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
  /** WasmAbortError: `err.rollback` (the trigger row's data-rollback). */
  rollback?: boolean
  /** Policy 'rollback': [i, j] — the value read before the trigger (before-i) equals step j's after it. */
  kept?: [number, number][]
  /** Exact values of steps (by index; the next operation is the last step). */
  values?: Record<number, string>
  /** What the values read before the trigger look like. */
  beforeValues?: Record<number, RegExp>
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

/** Plugin off, a panic leaks shadow stack in the same instance: the page panics until greet() fails. */
const LEAK = /memory access out of bounds, after \d+ more panics?: the leaked shadow stack ran out/
// In this order: the panic cards run last on their instance, which they leave broken (as a user would).
const OFF: Record<string, Expect> = {
  mut: { error: 'RuntimeError', steps: [RECURSIVE], next: true, state: 'unsupervised' },
  callback: { error: 'Error', steps: [RECURSIVE], next: true, state: 'unsupervised' },
  closure: { error: 'RuntimeError', steps: [''], next: true, state: 'unsupervised' },
  oom: { error: 'RuntimeError', next: true, state: 'unsupervised' },
  overflow: { error: 'RangeError', next: true, state: 'unsupervised' },
  // the Promise never settles, and the trap surfaces as an uncaught error
  async: { error: 'pending', next: true, state: 'unsupervised' },
  // start_count() is still 1 (never restarted), greet() works for now, then the leaked stack runs out
  panic: { error: 'RuntimeError', steps: ['', ''], next: false, nextError: 'RuntimeError', state: 'unsupervised', text: LEAK },
  // nothing counts the aborts, no breaker trips; the instance fails once its stack is gone
  storm: { error: 'RuntimeError', steps: [''], next: false, nextError: 'RuntimeError', state: 'unsupervised', text: /25 × RuntimeError[\s\S]*memory access out of bounds, after/ },
  // photon through a plain wasm loader (no supervisor): the raw trap, then the image you held is poisoned
  'photon-crop': { error: 'RuntimeError', steps: [RECURSIVE], next: true, state: 'unsupervised' },
  // the junk decode held no image of yours: the same instance carries on (its stack leaked), as if nothing happened
  'photon-garbage': { error: 'RuntimeError', steps: ['', ''], next: true, state: 'unsupervised' },
  'am-isolate': { error: 'RuntimeError', steps: [RECURSIVE, ''], next: true, state: 'unsupervised' },
  // the whole instance is dead: even load() of the saved bytes fails
  'am-deep': { error: 'RuntimeError', steps: [RECURSIVE, 'RuntimeError'], next: false, state: 'unsupervised' },
  // Biome's parser runs off its stack in linear memory: the instance is dead
  'biome-deep': { error: 'RuntimeError', steps: [/./], next: false, state: 'unsupervised', text: /memory access out of bounds/ },
  'worker-mut': { error: 'RuntimeError', steps: [RECURSIVE], next: true, state: 'unsupervised' },
  'worker-panic': { error: 'RuntimeError', steps: [''], next: false, nextError: 'RuntimeError', state: 'unsupervised', text: LEAK },
}

// Policy 'rollback' (`?policy=rollback`): the same clicks; an abort inside a call from the app is rolled
// back (generation unchanged, objects valid, their content as before the call); so is one in the future of
// the async call the app awaits (no other async call was pending at its checkpoint); one in a closure
// called outside any call of the app cannot be and falls back to a reinit.
/** digest() of 480×300 RGBA pixels, and of an Automerge doc's save(). */
const PIXELS = /^576000 bytes #[0-9a-f]{14}$/
const SAVED = /^[1-9]\d* bytes #[0-9a-f]{14}$/
const ROLLBACK: Record<string, Expect> = {
  panic: { error: 'WasmAbortError', rollback: true, steps: [''], next: true, state: 'live', text: /boom from the playground/ },
  // the counter keeps 41 (panic_in_mut panics after making it 42), and works on
  mut: { error: 'WasmAbortError', rollback: true, steps: ['', ''], next: true, state: 'live', kept: [[0, 0]], values: { 0: '41', 1: '42' }, text: /panic_in_mut at value 42/ },
  // an exception that unwound the Rust frames undoes the call like an abort: no torn borrow is left, the
  // counter you held works on (1 → 2 → 3)
  callback: { error: 'Error', steps: ['', ''], next: true, state: 'live', values: { 0: '2', 1: '3' }, text: /callback refused/ },
  closure: { error: 'WasmAbortError', rollback: false, steps: ['WasmStaleObjectError'], next: true, state: 'live', text: /closure called with 0/ },
  oom: { error: 'WasmAbortError', rollback: true, next: true, state: 'live', text: /RuntimeError: unreachable/ },
  overflow: { error: 'WasmAbortError', rollback: true, next: true, state: 'live', text: /RangeError/ },
  async: { error: 'WasmAbortError', rollback: true, next: true, state: 'live', text: /async boom/ },
  // the PhotonImage you held: the same pixels, and drawn again the canvas has the same pixels too
  'photon-crop': {
    error: 'WasmAbortError',
    rollback: true,
    steps: ['', ''],
    next: true,
    state: 'live',
    kept: [[0, 0], [1, 1]],
    beforeValues: { 0: PIXELS, 1: PIXELS },
    values: { 2: '120' },
  },
  'photon-garbage': {
    error: 'WasmAbortError',
    rollback: true,
    steps: ['', ''],
    next: true,
    state: 'live',
    kept: [[0, 0], [1, 1]],
    beforeValues: { 0: PIXELS, 1: PIXELS },
    text: /decoded 480×300/,
  },
  // back to just before the commit: the isolate and the put before it stay (1 pending op); dropped, the doc
  // saves to the same bytes as before
  'am-isolate': {
    error: 'WasmAbortError',
    rollback: true,
    steps: ['', '', '', '', ''],
    next: true,
    state: 'live',
    kept: [[0, 3], [1, 4]],
    beforeValues: { 1: SAVED },
    values: { 0: '2', 1: '1' },
    text: /Change's deps should already be in the document/,
  },
  'am-deep': { error: 'WasmAbortError', rollback: true, steps: ['', ''], next: true, state: 'live', kept: [[0, 0], [1, 1]], beforeValues: { 1: SAVED } },
  // 35 MB: restored asynchronously; the workspace you held still has its file and formats it the same
  'biome-deep': { error: 'WasmAbortError', rollback: true, steps: ['', ''], next: true, state: 'live', kept: [[0, 1]], text: /live again after/ },
  'worker-panic': { error: 'WasmAbortError', rollback: true, next: true, state: 'live', text: /boom in a worker/ },
  'worker-mut': { error: 'WasmAbortError', rollback: true, steps: ['', ''], next: true, state: 'live', kept: [[0, 0]], values: { 0: '41', 1: '42' } },
  // rollbacks do not end the streak: the breaker trips as under 'reinit'
  storm: { error: 'WasmUnavailableError', reason: 'breaker', next: false, nextError: 'WasmUnavailableError', state: 'poisoned', text: /20 × WasmAbortError, 5 × WasmUnavailableError \(breaker\)/ },
  reset: { error: 'none', next: true, state: 'live' },
}

interface Row {
  ok: boolean
  error: string
  /** data-value: the value shown when it worked. */
  value: string | null
  text: string
}
interface Box {
  error: string
  reason: string | null
  /** The trigger row's data-rollback (`err.rollback`), null when the error has none. */
  rollback: string | null
  /** Read before the trigger (rollback mode). */
  before: Row[]
  rows: Row[]
  state: string
  text: string
}

async function readBox(page: Page, id: string): Promise<Box> {
  return page.evaluate((id) => {
    const box = document.querySelector<HTMLElement>(`[data-testid="${id}"]`)!
    const q = (s: string) => box.querySelector<HTMLElement>(`[data-testid="${s}"]`)
    const row = (r: HTMLElement) => ({
      ok: r.dataset.ok === 'true',
      error: r.dataset.error ?? '',
      value: r.dataset.value ?? null,
      text: r.innerText,
    })
    return {
      error: q(`${id}-error`)!.innerText,
      reason: q(`${id}-trigger`)!.dataset.reason ?? null,
      rollback: q(`${id}-trigger`)!.dataset.rollback ?? null,
      before: Array.from(box.querySelectorAll<HTMLElement>('.row.before')).map(row),
      rows: Array.from(box.querySelectorAll<HTMLElement>('.row.step')).map(row),
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
  if (want.rollback !== undefined) expect(box.rollback === 'true', `${where}\n(err.rollback)`).toBe(want.rollback)
  for (const [i, v] of Object.entries(want.values ?? {})) {
    const row = box.rows[Number(i)]
    expect(row?.ok, `${where}\n(step ${i})`).toBe(true)
    expect(row.value, `${where}\n(step ${i})`).toBe(v)
  }
  for (const [b, re] of Object.entries(want.beforeValues ?? {})) expect(box.before[Number(b)]?.value, `${where}\n(before ${b})`).toMatch(re)
  for (const [b, i] of want.kept ?? []) {
    const before = box.before[b]
    const after = box.rows[i]
    expect(before?.ok, `${where}\n(before ${b})`).toBe(true)
    expect(after?.ok, `${where}\n(step ${i} should keep before ${b})`).toBe(true)
    expect(before.value, `${where}\n(before ${b})`).toBeTruthy()
    expect(after.value, `${where}\n(step ${i}: as before the call)`).toBe(before.value)
  }
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

  /** The playground at `query`, in `mode`: runs `body`, then checks the page never reloaded; closes it. */
  async function onPlayground(query: string, mode: string, body: (w: Watched) => Promise<void>): Promise<void> {
    const w = await openPage(browser.context)
    try {
      const { bootId, navigations } = await load(w, served.url + query)
      expect(await w.page.getAttribute('[data-testid="mode"]', 'data-mode')).toBe(mode)
      await body(w)
      expect(await w.page.evaluate(() => (window as any).__wrPlayground?.bootId)).toBe(bootId)
      expect(navigations()).toBe(1)
    } finally {
      await w.page.close()
    }
  }

  it('plugin on: every trigger shows its typed error, the next call works, the page never reloads', async () => {
    await onPlayground('', 'on', async (w) => {
      for (const [id, want] of Object.entries(ON)) check(id, await click(w.page, id), want)
      // every card says what goes wrong without the plugin, as the plugin-off page shows it
      const contrast = (id: string) => w.page.innerText(`[data-testid="${id}-contrast"]`)
      expect(await w.page.$$eval('[data-testid$="-contrast"]', (els) => els.every((e) => (e as HTMLElement).innerText.startsWith('Without the plugin:')))).toBe(true)
      expect(await w.page.locator('[data-testid$="-contrast"]').count()).toBe(await w.page.locator('article.card').count())
      for (const id of ['fixture-panic', 'fixture-storm', 'worker', 'biome']) expect(await contrast(id), id).toMatch(/memory access out of bounds|leaked shadow stack/)

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
      expect(w.pageErrors).toEqual([])
      expect(unexpectedConsole(w)).toEqual([])
      expect(w.consoleErrors.some((t) => PANIC_TEXT.test(t))).toBe(true)
    })
  })

  // docs/playground.png: WR_PLAYGROUND_SCREENSHOT=docs/playground.png npm test -- test/browser.test.ts -t screenshot
  // (defined only when asked for: a normal run has no skipped test)
  if (kind === 'dev' && process.env.WR_PLAYGROUND_SCREENSHOT)
  it('screenshot after a few recoveries', async () => {
    await onPlayground('', 'on', async (w) => {
      for (const id of ['panic', 'worker-panic', 'am-isolate', 'biome-deep', 'mut', 'photon-crop']) await click(w.page, id)
      await w.page.click('[data-testid="photon-filter-lofi"]') // the editor works on after its panic
      await w.page.evaluate(() => window.scrollTo(0, 0))
      await w.page.waitForTimeout(800) // let the highlight animations end
      await w.page.screenshot({ path: process.env.WR_PLAYGROUND_SCREENSHOT! })
      expect(w.pageErrors).toEqual([])
    })
    // the rollback page beside it: <file>-rollback.png
    await onPlayground('?policy=rollback', 'rollback', async (r) => {
      for (const id of ['panic', 'worker-mut', 'closure', 'am-isolate', 'mut', 'photon-crop']) await click(r.page, id)
      await r.page.evaluate(() => window.scrollTo(0, 0))
      await r.page.waitForTimeout(800)
      await r.page.screenshot({ path: process.env.WR_PLAYGROUND_SCREENSHOT!.replace(/(\.png)?$/, '-rollback.png') })
      expect(r.pageErrors).toEqual([])
    })
  })

  it("policy 'rollback': the objects the page holds keep their state, byte for byte", async () => {
    await onPlayground('?policy=rollback', 'rollback', async (w) => {
      expect(await w.page.getAttribute('[data-testid="toggle-rollback"]', 'class')).toBe('active')
      for (const [id, want] of Object.entries(ROLLBACK)) check(id, await click(w.page, id), want)

      // no WasmStaleObjectError anywhere but where an abort outside any call from the app (the closure's)
      // fell back to a reinit
      const stale = await w.page.$$eval('.result .row[data-error="WasmStaleObjectError"]', (rows) =>
        rows.map((r) => (r.closest('.result') as HTMLElement).dataset.testid),
      )
      expect(stale).toEqual(['closure'])

      // the panel: rolled back, not reinitialised — photon, automerge and biome are still on generation 0
      const stats = await w.page.evaluate(() =>
        Object.fromEntries(
          Array.from(document.querySelectorAll<HTMLElement>('[data-testid^="stats-"][data-state]')).map((r) => {
            const n = (c: string) => Number(r.querySelector<HTMLElement>(`[data-testid$="-${c}"]`)!.innerText)
            return [r.dataset.testid!.slice('stats-'.length), { state: r.dataset.state, generation: n('generation'), aborts: n('aborts'), reinits: n('reinits'), rollbacks: n('rollbacks') }]
          }),
        ),
      )
      for (const [m, aborts] of [['photon_rs', 2], ['automerge_wasm', 2], ['biome_wasm', 1], ['worker-wr_fixture', 2]] as const)
        expect(stats[m], m).toEqual({ state: 'live', generation: 0, aborts, reinits: 0, rollbacks: aborts })
      // wr_fixture: reinitialised only after the closure and Reset (the async panic is rolled back)
      expect(stats.wr_fixture.state).toBe('live')
      expect(stats.wr_fixture.reinits).toBe(2)
      expect(stats.wr_fixture.generation).toBe(2)
      expect(stats.wr_fixture.rollbacks).toBeGreaterThanOrEqual(6 + 19) // panic, mut, callback, oom, overflow, async; 19 of the storm
      expect(stats.wr_fixture.rollbacks + 1).toBeLessThanOrEqual(stats.wr_fixture.aborts)

      // the event log, oldest first: each rollback restores the generation that aborted, with its time and
      // size; a rollback-failed (with its reason) is followed by a reinit
      const events = await w.page.$$eval('[data-testid="event"]', (els) =>
        els.reverse().map((e) => {
          const d = (e as HTMLElement).dataset
          return { where: d.where!, type: d.type!, module: d.module!, generation: Number(d.generation), durationMs: Number(d.durationMs), bytes: Number(d.bytes), reason: d.reason }
        }),
      )
      const names = events.map((e) => `${e.where} ${e.type} ${e.module}`)
      for (const e of [
        'page rollback wr_fixture',
        'page rollback photon_rs',
        'page rollback automerge_wasm',
        'page rollback biome_wasm',
        'page rollback-failed wr_fixture',
        'page reinit wr_fixture',
        'page poisoned wr_fixture',
        'worker rollback wr_fixture',
      ])
        expect(names, e).toContain(e)
      // the closure's abort only (the async one is rolled back)
      expect(names.filter((n) => n === 'page rollback-failed wr_fixture')).toHaveLength(1)
      // the throwing callback's call was undone without an abort
      expect(events.filter((e) => e.where === 'page' && e.type === 'rollback' && e.reason === 'exception')).toHaveLength(1)
      for (const m of ['photon_rs', 'automerge_wasm', 'biome_wasm']) expect(names, m).not.toContain(`page reinit ${m}`)
      for (const [i, e] of events.entries()) {
        const same = (x: (typeof events)[number]) => x.where === e.where && x.module === e.module
        if (e.type === 'rollback') {
          // after an abort; or alone, for a call that failed with an exception through wasm frames
          const abort = events.slice(0, i).findLast(same)
          if (e.reason === 'exception') expect(abort?.type, names[i]).not.toBe('abort')
          else {
            expect(e.reason, names[i]).toBe('abort')
            expect(abort?.type, names[i]).toBe('abort')
            expect(e.generation, names[i]).toBe(abort!.generation)
          }
          // the runtime may keep the checkpoint in a spare instance: a swap, under the clock's resolution
          expect(e.durationMs, names[i]).toBeGreaterThanOrEqual(0)
          expect(e.durationMs, names[i]).toBeLessThan(10_000)
          expect(e.bytes, names[i]).toBeGreaterThan(0)
          expect(e.bytes % 65536, `${names[i]}: whole wasm pages`).toBe(0)
        }
        if (e.type === 'rollback-failed') {
          expect(e.reason, names[i]).toMatch(/outside a call from the app/)
          const next = events.slice(i + 1).find(same)
          expect(next?.type, names[i]).toBe('reinit')
          expect(next!.generation, names[i]).toBe(e.generation + 1)
        }
      }
      const visible = await w.page.innerText('[data-testid="event-log"]')
      expect(visible).toMatch(/ROLLBACK\s+photon_rs\s+crop\s+gen 0\s+[\d.]+ ms\s+[\d.]+ (KiB|MiB)\s+abort/i)
      expect(await w.page.innerText('[data-testid="uncaught-count"]')).toBe('0')

      // the held objects work on: the photon image takes a filter, the automerge doc keystrokes
      await w.page.click('[data-testid="photon-filter-sepia"]')
      expect(await w.page.getAttribute('[data-testid="photon-status"]', 'data-ok')).toBe('true')
      await w.page.click('[data-testid="biome-format"]')
      expect(await w.page.getAttribute('[data-testid="biome-status"]', 'data-ok')).toBe('true')
      await w.page.locator('[data-testid="am-text"]').pressSequentially(' ok')
      expect(await w.page.getAttribute('[data-testid="am-status"]', 'data-ok')).toBe('true')
      expect(await w.page.inputValue('[data-testid="am-text"]')).toMatch(/^✓ ✓ Automerge[\s\S]* ok$/)
      expect(w.pageErrors).toEqual([])
      expect(unexpectedConsole(w)).toEqual([])
    })
  })

  it('plugin off: the same clicks leave objects and instances poisoned', async () => {
    await onPlayground('?plugin=off', 'off', async (w) => {
      // photon ships only bundler-target glue: a plain wasm loader (playground/plain-wasm.ts) runs it
      expect(await w.page.getAttribute('[data-testid="card-photon"]', 'data-unavailable')).toBeNull()
      for (const [id, want] of Object.entries(OFF)) check(id, await click(w.page, id), want)
      // every card says what the plugin would have done instead
      const contrasts = await w.page.$$eval('[data-testid$="-contrast"]', (els) => els.map((e) => (e as HTMLElement).innerText))
      expect(contrasts).toHaveLength(await w.page.locator('article.card').count())
      for (const c of contrasts) expect(c).toMatch(/^With the plugin: .*(WasmAbortError|breaker|fresh instance)/)
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
    })
  })
})
