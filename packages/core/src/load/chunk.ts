import { MagicString } from 'magic-string' // named: the CommonJS build require()s this ES-only package
import { scanChunk } from './chunk-scan.js'
import { ASSET_PLACEHOLDER, relativeTo, scriptRelative } from './wasm-module.js'

/**
 * Output formats that have `import.meta` and top-level `await`. Not 'system': Rollup wraps its modules
 * there in a function that is async only when they used top-level await before rendering.
 */
const MODULE_FORMATS = new Set(['es', 'esm', 'module'])

export interface ChunkContext {
  fileName: string
  /** The output format (Rollup's and rolldown's `outputOptions.format`). */
  format: string
  /** The emitted file of an asset reference. */
  fileOf(ref: string): string
  /** Re-add the top-level await of bundler-target glue (left out by the transform: see index.ts). */
  awaitStart: boolean
  /**
   * Does the output have source maps? A map of a whole chunk at character precision costs more than the
   * edits (tens of ms for a few hundred KB): without source maps there is none. Default true.
   */
  sourcemap?: boolean
}

/**
 * Rollup, rolldown: the output format is known only here. Each asset placeholder becomes the URL of
 * the emitted `.wasm` in the format's own way, and in ES output the first instance of each glue is
 * awaited at top level again (`await __wbr.start()`), exactly where the transform would have put it.
 * Undefined when the chunk has neither.
 */
export function renderWasmChunk(code: string, ctx: ChunkContext): { code: string; map: ReturnType<MagicString['generateMap']> | null } | undefined {
  const module = MODULE_FORMATS.has(ctx.format)
  const awaits = ctx.awaitStart && module && code.includes('createSupervisor')
  if (!code.includes(ASSET_PLACEHOLDER) && !awaits) return undefined
  const prefix = JSON.stringify(ASSET_PLACEHOLDER).slice(1, -1)
  const scan = scanChunk(ctx.fileName, code, prefix, awaits)
  if (!scan) return undefined
  const s = new MagicString(code)
  for (const p of scan.placeholders) {
    const rel = JSON.stringify(relativeTo(ctx.fileName, ctx.fileOf(p.ref)))
    s.overwrite(p.start, p.end, module ? `new URL(${rel}, import.meta.url).href` : scriptRelative(rel))
  }
  for (const at of scan.starts) s.prependLeft(at, 'await ')
  if (!s.hasChanged()) return undefined
  return { code: s.toString(), map: ctx.sourcemap === false ? null : s.generateMap({ hires: true }) }
}
