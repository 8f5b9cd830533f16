import { readFileSync } from 'node:fs'
import { basename } from 'node:path'

export const ASSET_QUERY = '?wasm-recovery-asset'

/** What the emitted code needs to obtain the compiled module: an expression, and code it depends on. */
export interface SourceCode {
  expression: string
  prelude?: string
}

export interface SourceContext {
  framework: string
  mode: 'asset' | 'inline'
  esm: boolean
  /** esbuild's output format, which decides how a file next to the bundle is found. */
  esbuildFormat?: string
  emitAsset?: (name: string, source: Uint8Array) => string
}

/**
 * `inline`: base64 in the JS, compiled where it runs. `asset`: the file is emitted beside the bundle;
 * Rollup and Vite give its URL through `import.meta.ROLLUP_FILE_URL_*`, esbuild through its file loader.
 */
export function wasmSource(file: string, ctx: SourceContext): SourceCode {
  if (ctx.mode === 'inline')
    return { expression: `__wbr_rt.inlineWasm(${JSON.stringify(Buffer.from(readFileSync(file)).toString('base64'))})` }
  if (ctx.framework === 'esbuild') {
    const spec = JSON.stringify(file + ASSET_QUERY)
    const prelude = ctx.esm ? `import __wbr_wasm_path from ${spec};` : `const __wbr_wasm_path = require(${spec});`
    const where =
      ctx.esbuildFormat === 'cjs'
        ? `require('node:path').join(__dirname, __wbr_wasm_path)`
        : `new URL(__wbr_wasm_path, import.meta.url)`
    return { prelude, expression: `__wbr_rt.assetWasm(${where})` }
  }
  if (ctx.emitAsset) {
    const ref = ctx.emitAsset(basename(file), readFileSync(file))
    return { expression: `__wbr_rt.assetWasm(import.meta.ROLLUP_FILE_URL_${ref})` }
  }
  return { expression: `__wbr_rt.inlineWasm(${JSON.stringify(Buffer.from(readFileSync(file)).toString('base64'))})` }
}
