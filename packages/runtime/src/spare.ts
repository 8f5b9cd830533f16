// Policy 'rollback': after a restore the checkpoint's spare instance has become the live one, and the
// next checkpoint needs a new spare. Made on the call path, its memory's first-touch page faults cost
// the next call ~3 ms per MB; made here, in idle time, they cost the event loop instead, between calls.

import { now } from './clock.js'
import type { Generation } from './generation.js'
import { memoryOf } from './instance-layout.js'
import { whenIdle } from './idle.js'
import { GenState } from './protocol.js'

/** Captured before any glue body can shadow it (see generation.ts). */
const RealWasm = globalThis.WebAssembly
const PAGE = 65536
/** Touching one byte per OS page faults the whole page in. */
const OS_PAGE = 4096

/**
 * A new instance for the next checkpoint to live in, its memory grown to `bytes` and every page written
 * once, so that the checkpoint's copy lands in pages already mapped. Null when it cannot be made (e.g.
 * its start function fails): the checkpoint then makes one itself, as before.
 */
export function warmSpare(module: WebAssembly.Module, imports: WebAssembly.Imports, memoryOf: (raw: WebAssembly.Exports) => WebAssembly.Memory, bytes: number): WebAssembly.Instance | null {
  try {
    const inst = new RealWasm.Instance(module, imports)
    const mem = memoryOf(inst.exports)
    if (mem.buffer.byteLength < bytes) mem.grow(Math.ceil((bytes - mem.buffer.byteLength) / PAGE))
    // a read would map the shared zero page only: each page is written (its value does not matter, the
    // checkpoint overwrites it)
    const view = new Uint8Array(mem.buffer)
    for (let i = 0; i < view.length; i += OS_PAGE) view[i] = 0
    return inst
  } catch {
    return null
  }
}

/**
 * After a restore: a new spare for `g`'s next checkpoint, made in idle time while `wanted()` (no other
 * spare meanwhile) and `g` is still live and current; `done` gets it (null when it could not be made).
 * False when none is to be made (browsers' main thread over their synchronous size limit).
 */
export function prepareSpare(g: Generation, bytes: number, wanted: () => boolean, done: (spare: WebAssembly.Instance | null) => void): boolean {
  const sup = g.sup
  if (!sup.module || !g.importObject || !sup.syncAllowed()) return false
  whenIdle(() => {
    if (!wanted() || g.state !== GenState.Live || sup.current !== g || !sup.module || !g.importObject) return done(null)
    const t0 = now()
    const spare = warmSpare(sup.module, g.importObject, memoryOf, bytes)
    sup.spareMs += now() - t0
    if (spare) sup.spares++
    done(spare)
  })
  return true
}
