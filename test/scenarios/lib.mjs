// Shared by the scenarios that run inside bundles: every outcome becomes plain JSON for the test.
import { onRecovery, recoveryStats } from '@wasm-recovery/runtime'

export const events = []
onRecovery((e) => events.push({ type: e.type, module: e.module, export: e.export, generation: e.generation }))

export const uncaught = []
process.on('uncaughtException', (e) => uncaught.push(String(e?.stack ?? e)))
process.on('unhandledRejection', (e) => uncaught.push(String(e?.stack ?? e)))

/** The outcome of a call: its value, or the error's public fields. */
export function outcome(fn) {
  try {
    const value = fn()
    return { ok: true, value: plain(value) }
  } catch (e) {
    return failure(e)
  }
}

export async function outcomeAsync(fn, ms = 3000) {
  let timer
  const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve({ ok: false, hung: true }), ms)))
  try {
    return await Promise.race([Promise.resolve().then(fn).then((v) => ({ ok: true, value: plain(v) }), failure), timeout])
  } finally {
    clearTimeout(timer)
  }
}

export function failure(e) {
  return {
    ok: false,
    name: e?.name,
    message: String(e?.message ?? e),
    module: e?.module,
    export: e?.export,
    generation: e?.generation,
    panicMessage: e?.panicMessage,
    reason: e?.reason,
    causeName: e?.cause?.name,
    causeMessage: e?.cause?.message,
  }
}

function plain(v) {
  if (v instanceof Uint8Array || v instanceof Uint32Array) return Array.from(v)
  if (typeof v === 'bigint') return String(v)
  if (typeof v === 'function') return 'function'
  if (v && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) !== Object.prototype) return `[object ${v.constructor?.name}]`
  return v
}

export function stats(name) {
  return recoveryStats(name)
}

export async function gcTwice() {
  for (let i = 0; i < 3; i++) {
    globalThis.gc?.()
    await new Promise((r) => setTimeout(r, 20))
  }
}
