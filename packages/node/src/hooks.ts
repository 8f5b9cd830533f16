// Node's module customization hooks (run off the main thread): each ES or CommonJS module loaded from a
// file goes through the same transform as in a bundle; the .wasm is read from its own path by the runtime.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { MessagePort } from 'node:worker_threads'
import { detectGlue, resolveOptions, transformModule, type Options } from '@wasm-recovery/unplugin'
import type { HookMessage } from './hook-message.js'
import { RUNTIME_KEY } from './key.js'

let options = resolveOptions({})
const glue = new Map<string, boolean>()
/** To the main thread, which prints it (output of this thread is lost when a short app exits first). */
let port: MessagePort | undefined

export function initialize(data: { options?: Options; port?: MessagePort } | undefined): void {
  // a bad option is an error naming it, at start-up
  options = resolveOptions(data?.options ?? {})
  port = data?.port
}

function report(m: HookMessage): void {
  if (port) port.postMessage(m)
  else if (m.kind === 'warn') process.emitWarning(m.message, { code: m.code })
  else console.log(m.message)
}

interface LoadResult {
  format?: string | null
  source?: string | ArrayBuffer | Uint8Array | null
  shortCircuit?: boolean
}
type NextLoad = (url: string, context?: { format?: string | null }) => Promise<LoadResult>

const JS = /\.(c|m)?js$/
const OWN = /[\\/]@wasm-recovery[\\/]|[\\/]packages[\\/](runtime|core|node)[\\/]dist[\\/]/

function handled(file: string): boolean {
  let ok = glue.get(file)
  if (ok === undefined) {
    try {
      const d = detectGlue(file, readFileSync(file, 'utf8'))
      ok = d?.kind === 'glue' && options.policy(file, file) !== 'off'
    } catch {
      ok = false
    }
    glue.set(file, ok)
  }
  return ok
}

export async function load(url: string, context: { format?: string | null }, nextLoad: NextLoad): Promise<LoadResult> {
  const r = await nextLoad(url, context)
  if (!url.startsWith('file:') || (r.format !== 'module' && r.format !== 'commonjs')) return r
  const file = fileURLToPath(url)
  if (!JS.test(file) || OWN.test(file)) return r
  // CommonJS arrives without source unless a hook serves it: served, its own require() calls come here too
  const code = r.source == null ? readFileSync(file, 'utf8') : typeof r.source === 'string' ? r.source : new TextDecoder().decode(r.source)
  if (!code.includes('wasm') && !code.includes('AGFzbQ')) return r.format === 'commonjs' ? { ...r, source: code } : r
  const out = transformModule(code, file, {
    options,
    warn: (d) => report({ kind: 'warn', code: d.code, message: d.message }),
    debug: (m) => options.debug && report({ kind: 'debug', message: `[wasm-recovery] ${m}` }),
    handled,
    nodeRequires: false,
    fsWasm: true,
    // the runtime the --import entry loaded (a require() of an ES module fails inside served CommonJS)
    cjsRuntime: `globalThis[Symbol.for(${JSON.stringify(RUNTIME_KEY)})]`,
  })
  return { ...r, source: out ? out.code : code, shortCircuit: true }
}
