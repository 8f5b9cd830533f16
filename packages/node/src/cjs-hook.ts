// Glue that require() loads, transformed where Node's CommonJS loader compiles it (on the main thread):
// CommonJS, and ES modules loaded by require() (Node ≥ 20.19), which the hooks thread never sees.
import { createRequire } from 'node:module'
import { addHook } from 'pirates'
import type { Options } from '@wasm-recovery/unplugin'
import type { HookMessage } from './hook-message.js'
import { mayBeGlue, nodeTransform, OWN } from './transform.js'

export function hookCommonJs(options: Options, report: (m: HookMessage) => void): void {
  // the core (a parser with a native binding) is loaded at the first module that may be glue
  let transform: ((code: string, file: string) => string) | undefined
  // an ES module compiled here is one that require() loads: it may not await at top level
  const load = () => (transform ??= nodeTransform(createRequire(import.meta.url)('@wasm-recovery/unplugin'), { ...options, topLevelAwait: false }, report))
  addHook((code, file) => (mayBeGlue(code) ? load()(code, file) : code), { exts: ['.js', '.cjs', '.mjs'], ignoreNodeModules: false, matcher: (file) => !OWN.test(file) })
}
