// Glue that require() loads, transformed where Node's CommonJS loader compiles it (on the main thread):
// CommonJS, and ES modules loaded by require() (Node ≥ 20.19), which the hooks thread never sees.
import * as nodeModule from 'node:module'
import type { Options } from '@wasm-recovery/unplugin'
import type { HookMessage } from './hook-message.js'
import { mayBeGlue, nodeTransform, OWN } from './transform.js'

interface CjsModule {
  _compile(code: string, file: string, ...rest: unknown[]): unknown
}
type Loader = (module: CjsModule, file: string) => void
/** Node's loader per file extension (`.mjs` and `.cjs` fall back to `.js`'s, which reads their format). */
const extensions = (nodeModule.Module as unknown as { _extensions: Record<string, Loader> })._extensions

export function hookCommonJs(options: Options, report: (m: HookMessage) => void): void {
  // the core (a parser with a native binding) is loaded at the first module that may be glue; an ES
  // module compiled here is one that require() loads: it may not await at top level
  let transform: ((code: string, file: string) => string) | undefined
  const load = () => (transform ??= nodeTransform(nodeModule.createRequire(import.meta.url)('@wasm-recovery/unplugin'), { ...options, topLevelAwait: false }, report))
  for (const ext of ['.js', '.cjs', '.mjs']) {
    const next = extensions[ext] ?? extensions['.js']!
    extensions[ext] = (module, file) => {
      if (!OWN.test(file)) {
        // this module's compile only; the rest of its arguments (Node ≥ 20.19: the format) pass as they are
        const compile = module._compile
        module._compile = function (code, filename, ...rest) {
          module._compile = compile
          return compile.call(this, mayBeGlue(code) ? load()(code, filename) : code, filename, ...rest)
        }
      }
      next(module, file)
    }
  }
}
