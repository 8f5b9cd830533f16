import { statSync } from 'node:fs'
import { cachesOff, contentHash, MAX_CODE, Recent } from '../recent.js'
import { detectGlue, type Entry, type Glue, type Skip } from './glue.js'

/**
 * What every module the detection recognises contains as text: the generator's names (glue, minified
 * glue, a loader calling `__wbg_set_wasm`), a `.wasm` name (a bundler entry, a module that loads one
 * itself), or an inlined binary (base64 of `\0asm`). A module without any of them is not parsed at all.
 */
export const GLUE_HINT = /__wbindgen|__wbg_|wasm_bindgen|\.wasm|AGFzbQ/

/** Is it worth parsing this module? (a string test, before any AST) */
export const mayBeGlue = (code: string): boolean => GLUE_HINT.test(code)

type Detection = Glue | Entry | Skip | undefined

interface Cached {
  result: Glue | Entry
  /** The file the result was read from besides the code (the glue's .wasm), and its size and mtime then. */
  file?: string
  stamp?: string
}

/** Bounded: a build of many packages keeps the recent ones; their ASTs are held, so big files are not kept. */
const MAX_ENTRIES = 64
const cache = new Recent<Cached>(MAX_ENTRIES)

/** A file's size and mtime, to tell whether what was read from it still holds. */
export const stampOf = (file: string): string | undefined => {
  try {
    const s = statSync(file)
    return `${s.size}:${s.mtimeMs}`
  } catch {
    return undefined
  }
}

/**
 * `detectGlue`, remembered by module id and content hash across builds in one process (watch mode, a
 * dev server, repeated builds) and between the transform and the bundler-entry lookups of the same file.
 * A result is reused only while the .wasm it read is unchanged (size and mtime). Only glue and entries
 * are kept: a skip or "not glue" may hang on files that can appear later. `WASM_RECOVERY_CACHE=off`
 * turns it off (to measure a first build).
 */
export function detectGlueCached(id: string, code: string): Detection {
  if (!mayBeGlue(code)) return undefined
  if (code.length > MAX_CODE || cachesOff()) return detectGlue(id, code)
  const key = `${id}\0${contentHash(code)}`
  const hit = cache.get(key)
  if (hit && (!hit.file || stampOf(hit.file) === hit.stamp)) return copy(hit.result)
  const result = detectGlue(id, code)
  if (result?.kind === 'glue' || result?.kind === 'entry') {
    const file = result.kind === 'glue' ? result.wasmFile : undefined
    cache.set(key, { result, file, stamp: file && stampOf(file) })
    return copy(result)
  }
  return result
}

/** The rewrite may add to a glue's export list (bundler-circular's setter): each use gets its own list. */
function copy<T extends Glue | Entry>(r: T): T {
  return r.kind === 'glue' ? { ...r, exports: r.exports.map((e) => ({ ...e })) } : { ...r }
}
