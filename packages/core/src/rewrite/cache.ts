import { createHash } from 'node:crypto'
import { stampOf } from '../detect/cache.js'
import { cachesOff, contentHash, MAX_CODE, Recent } from '../recent.js'
import type { Glue } from '../detect/glue.js'
import { type RewriteOptions, rewriteGlue } from './factory.js'

type Rewritten = ReturnType<typeof rewriteGlue>

/** Bounded as the detection's cache is; outputs are held as strings (no AST). */
const MAX_ENTRIES = 32
const cache = new Recent<Rewritten>(MAX_ENTRIES)

/**
 * `rewriteGlue`, remembered across builds in one process (watch mode, a dev server, repeated builds):
 * the same module id, content, .wasm (size and mtime) and options give the same output, so a rebuild
 * does not analyse and print the glue again. `WASM_RECOVERY_CACHE=off` turns it off, as for detection.
 */
export function rewriteGlueCached(code: string, id: string, glue: Glue, o: RewriteOptions): Rewritten {
  // an output carrying its .wasm inline (base64) is not kept: a few of those would hold hundreds of MB
  if (code.length + o.source.length > MAX_CODE || cachesOff()) return rewriteGlue(code, id, glue, o)
  // the code's hash is the detection's (computed once); the options hashed with it
  const key = createHash('sha1').update([id, contentHash(code), glue.wasmFile ? stampOf(glue.wasmFile) : '', JSON.stringify(o)].join('\0')).digest('hex')
  const hit = cache.get(key) ?? rewriteGlue(code, id, glue, o)
  if (hit.code.length > MAX_CODE) return hit
  cache.set(key, hit)
  return { code: hit.code, map: copyMap(hit.map) }
}

/** Each build gets its own map object (a bundler may edit the one it is given). */
function copyMap(m: Rewritten['map']): Rewritten['map'] {
  const c = Object.assign(Object.create(Object.getPrototypeOf(m)), m) as Rewritten['map']
  c.sources = [...m.sources]
  c.names = [...m.names]
  if (m.sourcesContent) c.sourcesContent = [...m.sourcesContent]
  return c
}
