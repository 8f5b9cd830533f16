// What the core's caches share (detection, rewrite, chunk scan): one switch, one content hash, and a
// map kept to its most recently used entries.
import { createHash } from 'node:crypto'

/** Code over this size is not cached (its AST or output would hold too much memory). */
export const MAX_CODE = 4 * 1024 * 1024

/** `WASM_RECOVERY_CACHE=off`: every cache of the core off (what a first build pays, for measuring). */
export const cachesOff = (): boolean => process.env.WASM_RECOVERY_CACHE === 'off'

let last: { text: string; hash: string } | undefined
/** sha1 of `text`; the transform asks for the same module's twice (detection, then rewrite): once. */
export function contentHash(text: string): string {
  if (last?.text !== text) last = { text, hash: createHash('sha1').update(text).digest('hex') }
  return last.hash
}

/** A map of at most `max` entries: the least recently used one goes first. */
export class Recent<V> {
  private readonly map = new Map<string, V>()

  constructor(private readonly max: number) {}

  has(key: string): boolean {
    return this.map.has(key)
  }

  /** The entry, now the most recently used. */
  get(key: string): V | undefined {
    if (!this.map.has(key)) return undefined
    const v = this.map.get(key)!
    this.map.delete(key)
    this.map.set(key, v)
    return v
  }

  set(key: string, value: V): void {
    this.map.delete(key)
    this.map.set(key, value)
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!)
  }
}
