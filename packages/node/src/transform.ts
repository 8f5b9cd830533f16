// The transform both threads apply: ES modules in the hooks thread (Node's load hook), CommonJS on the
// main thread (Node's CommonJS loader, see cjs-hook.ts). Each thread has its own copy of the core.
import { readFileSync } from 'node:fs'
import type { Options } from '@wasm-recovery/unplugin'
import type { HookMessage } from './hook-message.js'
import { RUNTIME_KEY } from './key.js'

type Core = Pick<typeof import('@wasm-recovery/unplugin'), 'detectGlue' | 'transformModule' | 'resolveOptions'>

/** Our own files: never transformed. */
export const OWN = /[\\/]@wasm-recovery[\\/]|[\\/]packages[\\/](runtime|core|node)[\\/]dist[\\/]/
/** What every shape the detection recognises contains (a cheap test before any parse). */
export const mayBeGlue = (code: string): boolean => code.includes('wasm') || code.includes('AGFzbQ')

/** The glue rewrite for `file` with the plugin's options; the code unchanged when it is not glue. */
export function nodeTransform(core: Core, rawOptions: Options, report: (m: HookMessage) => void): (code: string, file: string) => string {
  const options = core.resolveOptions(rawOptions)
  const glue = new Map<string, boolean>()
  const handled = (file: string): boolean => {
    let ok = glue.get(file)
    if (ok === undefined) {
      try {
        const d = core.detectGlue(file, readFileSync(file, 'utf8'))
        ok = d?.kind === 'glue' && options.policy(file, file) !== 'off'
      } catch {
        ok = false
      }
      glue.set(file, ok)
    }
    return ok
  }
  return (code, file) => {
    const out = core.transformModule(code, file, {
      options,
      warn: (d) => report({ kind: 'warn', code: d.code, message: d.message }),
      debug: (m) => options.debug && report({ kind: 'debug', message: `[wasm-recovery] ${m}` }),
      handled,
      nodeRequires: false,
      fsWasm: true,
      // the runtime the --import entry loaded: ES and CommonJS glue share its one copy
      cjsRuntime: `globalThis[Symbol.for(${JSON.stringify(RUNTIME_KEY)})]`,
    })
    return out ? out.code : code
  }
}
