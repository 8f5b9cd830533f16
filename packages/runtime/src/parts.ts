// Exports the build moved out of the glue body so that a bundler can drop those the app does not
// import (core/src/rewrite/split.ts). Each registers how to make it for a generation from the
// generation's namespace, its method guards and the guards of the wasm exports only it calls.
import type { Generation } from './generation.js'
import type { MethodWrap } from './protocol.js'
import type { Supervisor } from './supervisor.js'

type Fn = (...args: any[]) => any

export interface Part {
  name: string
  /** `g`: for a class whose method guards the build wrote into it. None for a function folded into its facade. */
  make: ((ns: Record<string, any>, g: Generation) => unknown) | null
  patch?: (g: Generation, ns: Record<string, any>, wrap: MethodWrap) => void
  guards?: (g: Generation, raw: WebAssembly.Exports) => Record<string, Fn>
  /** A class whose own methods all have their guards inline (see Generation.patchClasses). */
  sealed?: boolean
}

/** Fills the generation's slots of the parts (their makers read the namespace only when called). */
export function makeParts(g: Generation, parts: readonly Part[]): void {
  for (const p of parts) if (p.make) g.ns[p.name] = p.make(g.ns, g)
}

/** The parts' own method guards, after the glue's (see Generation.patchClasses). */
export function patchParts(parts: readonly Part[], generated?: Part['patch']): Part['patch'] {
  const own = parts.filter((p) => p.patch)
  if (!own.length) return generated
  return (g, ns, w) => {
    generated?.(g, ns, w)
    for (const p of own) p.patch!(g, ns, w)
  }
}

/** The classes whose own methods have their guards inline: the glue's and the parts'. */
export function sealedClasses(sup: Supervisor): string[] {
  const out = [...(sup.spec.sealed ?? [])]
  for (const p of sup.parts) if (p.sealed) out.push(p.name)
  return out
}

/** Registers a part; one registered after a generation's body ran (web target: generation 0 is made at once) fills it too. */
export function addPart(sup: Supervisor, part: Part): void {
  sup.parts.push(part)
  const g = sup.current
  if (g.id < 0) return
  makeParts(g, [part])
  g.patchClasses([part.name], part.patch, part.sealed ? [part.name] : undefined)
}
