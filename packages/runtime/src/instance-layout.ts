// What a checkpoint copies from an instance (memory, externref tables, exported globals), found once
// per instance, and the copying of tables and globals.
import type { Generation } from './generation.js'

const RealWasm = globalThis.WebAssembly

export function copyTable(from: WebAssembly.Table, to: WebAssembly.Table): void {
  if (to.length < from.length) to.grow(from.length - to.length)
  for (let i = 0; i < from.length; i++) to.set(i, from.get(i))
}

export function setGlobal(g: unknown, v: unknown): void {
  try {
    ;(g as WebAssembly.Global).value = v
  } catch {
    // immutable global: the fresh instance has the same value
  }
}

export function memoryOf(raw: WebAssembly.Exports): WebAssembly.Memory {
  if (raw.memory instanceof RealWasm.Memory) return raw.memory
  for (const key in raw) if (raw[key] instanceof RealWasm.Memory) return raw[key] as WebAssembly.Memory
  throw new Error('the module exports no memory')
}

/** What a checkpoint copies from an instance, found once per instance. */
export interface Layout {
  raw: WebAssembly.Exports
  memory: WebAssembly.Memory
  globals: string[]
  /** Exported externref tables, once their contents told (see externrefTables). */
  externref: string[] | null
}

export function layoutOf(g: Generation): Layout {
  const raw = g.raw!
  if (g.layout?.raw === raw) return g.layout
  const globals = Object.keys(raw).filter((key) => raw[key] instanceof RealWasm.Global)
  return (g.layout = { raw, memory: memoryOf(raw), globals, externref: null })
}

/**
 * Exported tables that hold JS values (wasm-bindgen's externref table), not wasm functions: the JS API
 * has no table type (Node 20), so the contents tell — after wasm-bindgen's init the externref table
 * holds `undefined, null, true, false`; a function table holds only wasm functions (numeric names).
 */
export function externrefTables(layout: Layout): string[] {
  if (layout.externref) return layout.externref
  const raw = layout.raw
  const out: string[] = []
  let decided = true
  for (const key in raw) {
    const t = raw[key]
    if (!(t instanceof RealWasm.Table)) continue
    let seen = false
    for (let i = 0; i < t.length; i++) {
      const v = t.get(i)
      if (v === null) continue
      seen = true
      if (!(typeof v === 'function' && /^\d+$/.test(v.name))) {
        out.push(key)
        break
      }
    }
    // only nulls so far: copied to be safe, and asked again next time
    if (!seen) {
      out.push(key)
      decided = false
    }
  }
  if (decided) layout.externref = out
  return out
}

/** Read and write access to the glue's JS-side heap slab (injected into the glue body by the plugin). */
export interface SlabAccess {
  save(): unknown
  load(state: unknown): void
}
