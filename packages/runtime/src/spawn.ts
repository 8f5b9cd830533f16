// Making one generation: the glue body run for it, then (set_wasm / init) its instance bound to it.
import type { Generation } from './generation.js'
import type { Supervisor } from './supervisor.js'
import { initOf } from './web-init.js'

/** Runs the glue body for a generation and patches its classes. */
export function evaluate(sup: Supervisor, g: Generation): Generation {
  sup.depth++
  try {
    g.ns = sup.spec.factory(g.ctx)
  } finally {
    sup.depth--
  }
  g.patchClasses([...(sup.spec.classes ?? []), ...sup.dynamicClasses], sup.spec.patch)
  return g
}

/** Gives a `set_wasm` / `init` generation its instance (from the supervisor's cached Module). */
export function attach(sup: Supervisor, g: Generation, sync: boolean): void | Promise<void> {
  const { bind, setter, importModule, imports, initObjectArgs } = sup.spec
  const m = sup.module!
  sup.depth++
  try {
    if (bind === 'set_wasm') {
      const all = { ...imports, [importModule!]: g.ns }
      const finish = (inst: { exports: Record<string, any> }) => {
        g.ns[setter!](inst.exports)
        inst.exports.__wbindgen_start?.()
      }
      if (sync) return finish(g.instantiate(m, all))
      return g.instantiateAsync(m, all).then(finish)
    }
    const initSync = initOf(g.ns, true)
    if (initSync && sync) {
      initSync(initObjectArgs ? { module: m } : m)
      return
    }
    return Promise.resolve(initOf(g.ns, false)!(initObjectArgs ? { module_or_path: m } : m)).then(() => {})
  } finally {
    sup.depth--
  }
}

const SYNC_LIMIT = 8 * 1024 * 1024

/** Browsers refuse synchronous instantiation of big modules on the main thread. */
export function syncAllowed(wasmSize: number | undefined): boolean {
  const mainThread = typeof document !== 'undefined' && typeof window !== 'undefined'
  return !(mainThread && (wasmSize ?? 0) > SYNC_LIMIT)
}
