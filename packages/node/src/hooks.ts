// Node's module customization hooks (run off the main thread): each ES module loaded from a file goes
// through the same transform as in a bundle; the .wasm is read from its own path by the runtime.
// CommonJS is left to Node's own loader and transformed there (cjs-hook.ts): served from here, its
// require() of an ES module fails on Node 20 ("request for './b.mjs' is not in cache").
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { MessagePort } from 'node:worker_threads'
import * as core from '@wasm-recovery/unplugin'
import type { Options } from '@wasm-recovery/unplugin'
import type { HookMessage } from './hook-message.js'
import { mayBeGlue, nodeTransform, OWN } from './transform.js'

/** To the main thread, which prints it (output of this thread is lost when a short app exits first). */
let port: MessagePort | undefined
const report = (m: HookMessage): void => {
  if (port) port.postMessage(m)
  else if (m.kind === 'warn') process.emitWarning(m.message, { code: m.code })
  else console.log(m.message)
}
let transform = nodeTransform(core, {}, report)

export function initialize(data: { options?: Options; port?: MessagePort } | undefined): void {
  port = data?.port
  // a bad option is an error naming it, at start-up
  transform = nodeTransform(core, data?.options ?? {}, report)
}

interface LoadResult {
  format?: string | null
  source?: string | ArrayBuffer | Uint8Array | null
  shortCircuit?: boolean
}
type NextLoad = (url: string, context?: { format?: string | null }) => Promise<LoadResult>

const JS = /\.(c|m)?js$/

export async function load(url: string, context: { format?: string | null }, nextLoad: NextLoad): Promise<LoadResult> {
  const r = await nextLoad(url, context)
  if (!url.startsWith('file:') || r.format !== 'module') return r
  const file = fileURLToPath(url)
  if (!JS.test(file) || OWN.test(file)) return r
  const code = r.source == null ? readFileSync(file, 'utf8') : typeof r.source === 'string' ? r.source : new TextDecoder().decode(r.source)
  if (!mayBeGlue(code)) return r
  return { ...r, source: transform(code, file), shortCircuit: true }
}
