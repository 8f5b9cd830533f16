import { existsSync } from 'node:fs'

/**
 * The file a module id names. Bundlers append `?query` (and Vite `?v=…`), but `#`, `?`, `%` and spaces
 * are also legal in folder names (`C# app/pkg/x_bg.js`): an id that exists on disk as it is, is a file;
 * otherwise the query is cut at its last `?`, then at a `#` after the last `/`.
 */
export function fileOfId(id: string): string {
  if (existsSync(id)) return id
  const q = id.lastIndexOf('?')
  if (q > 0 && existsSync(id.slice(0, q))) return id.slice(0, q)
  const cut = id.replace(/\?[^/]*$/, '')
  const hash = cut.indexOf('#', cut.lastIndexOf('/'))
  return hash > 0 ? cut.slice(0, hash) : cut
}
