// The ModuleSpec the emitted glue hands the runtime, built here as a typed object and serialised into
// the glue: the runtime's own type (`@wasm-recovery/runtime/internal`) says what it may contain.
import type { GenState, ModuleSpec } from '@wasm-recovery/runtime/internal'

/** A JavaScript expression in the emitted code (a local of the glue, a runtime call). */
export interface Expr {
  readonly expr: string
}
export const expr = (js: string): Expr => ({ expr: js })

type Data = string | number | boolean | readonly string[] | null | undefined
/** A value of the runtime's type as the emitted code writes it: data as is, code as an expression. */
export type Emitted<T> = T extends Data ? T : T extends Function ? Expr : T extends object ? Expr | { [K in keyof T]: Emitted<T[K]> } : never

export type EmittedSpec = { [K in keyof ModuleSpec]: Emitted<ModuleSpec[K]> }

/** The generation state a generated guard compares against (the runtime's `GenState.Live`). */
export const LIVE: typeof GenState.Live = 0

/** The spec as an object literal; fields left undefined are left out. */
export function serialiseSpec(spec: EmittedSpec): string {
  return serialise(spec)
}

function serialise(v: unknown): string {
  if (v !== null && typeof v === 'object' && 'expr' in v) return (v as Expr).expr
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return JSON.stringify(v)
  const fields = Object.entries(v).filter(([, x]) => x !== undefined)
  return `{ ${fields.map(([k, x]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${serialise(x)}`).join(', ')} }`
}
