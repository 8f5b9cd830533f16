// The stress loop shared by every package: an ordinary call, then a real trigger, n times over.
import { onRecovery, recoveryStats } from '@wasm-recovery/runtime'
import { failure, gcTwice, uncaught } from '../lib.mjs'

const RECURSIVE = /recursive use of an object detected/

/**
 * Counts what the module prints with console.error (panic hooks) instead of echoing 10,000 panics;
 * keeps the first few lines.
 */
export function quietConsoleError() {
  const seen = { count: 0, first: [] }
  console.error = (...args) => {
    seen.count++
    if (seen.first.length < 3) seen.first.push(args.map(String).join(' ').slice(0, 300))
  }
  return seen
}

/**
 * @param m the package's exports
 * @param p { module, n, stopAtFirstFailure?, plain? (bundled without the plugin: no stats), rssEvery?, onIteration? }
 * @param ordinary (m, i) => state: healthy calls on a NEW object and a free function; throws if unhealthy
 * @param trigger (m, state, i) => void: must throw (a real panic / abort of the package)
 */
export async function loop(m, p, { ordinary, trigger }) {
  const printed = quietConsoleError()
  const eventCounts = { abort: 0, reinit: 0, poisoned: 0 }
  let reinitMs = 0
  const off = onRecovery((e) => {
    eventCounts[e.type]++
    if (e.type === 'reinit') reinitMs += e.durationMs ?? 0
  })
  const r = {
    iterations: 0,
    ordinaryOk: 0,
    ordinaryFailed: 0,
    firstOrdinaryFailure: null,
    triggerAbort: 0,
    triggerReturned: 0,
    /** error name → count, for every trigger */
    triggerNames: {},
    /** for the WasmAbortErrors: `export` → count, and the cause's name → count */
    triggerExports: {},
    causeNames: {},
    /** the first trigger outcome that was not a WasmAbortError of this module */
    firstOddTrigger: null,
    /** aborts whose generation was not the iteration's (the i-th abort must happen in generation i) */
    generationMismatch: 0,
    /** any error (ordinary or trigger, or its cause) that said "recursive use of an object detected" */
    recursiveUse: 0,
    firstTrigger: null,
    lastTrigger: null,
  }
  const note = (e) => {
    if (RECURSIVE.test(String(e?.message)) || RECURSIVE.test(String(e?.cause?.message))) r.recursiveUse++
  }
  const t0 = performance.now()
  // synchronous, in its own frame: once it returns no register of it still holds the last (dead) objects
  iterate(m, p, ordinary, trigger, r, note)
  r.loopMs = Math.round(performance.now() - t0)
  r.reinitMs = Math.round(reinitMs)
  // the stale objects of every dead generation are garbage now: their finalizers must not crash anything
  await gcTwice()
  r.rssAfterGc = process.memoryUsage.rss()
  try {
    ordinary(m, -1)
    r.afterGc = { ok: true }
  } catch (e) {
    note(e)
    r.afterGc = failure(e)
  }
  off()
  r.stats = p.plain ? null : recoveryStats(p.module)
  r.events = eventCounts
  r.printed = printed
  r.uncaught = uncaught.slice(0, 5)
  return r
}

function iterate(m, p, ordinary, trigger, r, note) {
  let rssPeak = 0
  for (let i = 0; i < p.n; i++) {
    r.iterations = i + 1
    let state
    try {
      state = ordinary(m, i)
      r.ordinaryOk++
    } catch (e) {
      note(e)
      r.ordinaryFailed++
      r.firstOrdinaryFailure ??= { index: i, ...failure(e) }
      if (p.stopAtFirstFailure) break
      continue
    }
    try {
      trigger(m, state, i)
      r.triggerReturned++
    } catch (e) {
      note(e)
      const f = failure(e)
      r.triggerNames[f.name] = (r.triggerNames[f.name] ?? 0) + 1
      if (f.name === 'WasmAbortError' && f.module === p.module) {
        r.triggerAbort++
        r.triggerExports[f.export] = (r.triggerExports[f.export] ?? 0) + 1
        r.causeNames[f.causeName] = (r.causeNames[f.causeName] ?? 0) + 1
        if (f.generation !== i) r.generationMismatch++
      } else r.firstOddTrigger ??= { index: i, ...f }
      if (i === 0) r.firstTrigger = f
      if (i === p.n - 1) r.lastTrigger = f
    }
    if (i % (p.rssEvery ?? 250) === 0) rssPeak = Math.max(rssPeak, process.memoryUsage.rss())
    p.onIteration?.(i)
  }
  r.rssEnd = process.memoryUsage.rss()
  r.rssPeak = Math.max(rssPeak, r.rssEnd)
}
