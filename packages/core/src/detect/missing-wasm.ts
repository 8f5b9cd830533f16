// Glue whose .wasm is not beside it: why, as far as the files tell, and what to say about it.
import { existsSync, readdirSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import type { Node } from './ast.js'
import type { Skip } from './glue.js'
import { inlineWasm } from './inline.js'

/** The skip for glue that names `wasmFile`, which does not exist; undefined when there is nothing to say. */
export function missingWasm(wasmFile: string, program: Node): Skip | undefined {
  // bundler glue re-bundled with its wasm as base64 (@rollup/plugin-wasm's `_loadWasmModule`, loro-crdt/base64): no file is missing
  if (inlineWasm(program))
    return unrecognised("its .wasm is inlined as base64 and instantiated by the package's own code in the same file, a shape the plugin does not read yet: import a build of the package that ships the .wasm as a file")
  // a wasm2js build (cardano-serialization-lib-asmjs: `x.asm.js` in its place) has no wasm to recover
  if (existsSync(wasmFile.replace(/_bg\.wasm$/, '.asm.js'))) return undefined
  // its wasm a base64 module beside it, instantiated by the package's runtime elsewhere (@prisma/client 7's query compiler)
  const stem = basename(wasmFile)
  const b64 = readdirOr(dirname(wasmFile)).find((f) => f.startsWith(stem) && /base64/i.test(f))
  if (b64)
    return unrecognised(`its wasm ships as a base64 module (${b64}) that the package instantiates elsewhere, a shape the plugin does not read yet`)
  return { kind: 'skip', code: 'WASM_RECOVERY_NO_WASM', message: `the .wasm this glue loads was not found: ${wasmFile}` }
}

const unrecognised = (message: string): Skip => ({ kind: 'skip', code: 'WASM_RECOVERY_UNRECOGNISED', message })

function readdirOr(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}
