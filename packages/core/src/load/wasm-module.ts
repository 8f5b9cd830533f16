import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { basename, dirname, relative, sep } from 'node:path'
import { MagicString } from 'magic-string' // named: the CommonJS build require()s this ES-only package

/** esbuild: the raw file, copied beside the bundle by its file loader. */
export const ASSET_QUERY = '?wasm-recovery-asset'
/** workerd: the .wasm stays a module import beside the bundle (workerd compiles it; it forbids compiling bytes). */
export const MODULE_QUERY = '?wasm-recovery-module'
/** A tiny module whose default export is the emitted file's URL (or path), in the bundler's own way. */
export const URL_QUERY = '?wasm-recovery-url'
export const URL_PREFIX = '\0wasm-recovery-url:'
/**
 * Ends the URL module's id: a module of JS, so an id ending in `.wasm` would be claimed by whatever else
 * handles .wasm files (a webpack/Rspack `asset/resource` rule, rolldown `moduleTypes`, vite-plugin-wasm).
 */
export const URL_ID_END = '.wasm-url.js'

/** The URL module's id for `file` (`prefix`: the bundler's kind of virtual id). */
export const urlModuleId = (prefix: string, file: string): string => prefix + file + URL_ID_END

/** The .wasm file a URL module's id names. */
export const urlModuleFile = (prefix: string, id: string): string => id.slice(prefix.length, -URL_ID_END.length)

/** What the emitted glue needs to obtain the compiled module: an expression, and code it depends on. */
export interface SourceCode {
  expression: string
  prelude?: string
}

/**
 * `inline`: base64 in the JS, compiled where it runs. `asset`: the file is emitted beside the bundle
 * and its location comes from a separate small module, so the glue stays free of `import.meta`
 * (CommonJS glue cannot carry it); `glueFile` given: the bundler makes the asset itself (see selfUrlSource).
 */
export function wasmSource(file: string, mode: 'asset' | 'inline', esm: boolean, glueFile?: string): SourceCode {
  if (mode === 'inline')
    return { expression: `__wbr_rt.inlineWasm(${JSON.stringify(Buffer.from(readFileSync(file)).toString('base64'))})` }
  if (glueFile !== undefined) return selfUrlSource(glueFile, file, esm)
  const spec = JSON.stringify(file + URL_QUERY)
  return {
    prelude: esm ? `import __wbr_wasm_url from ${spec};` : `const __wbr_wasm_url = require(${spec}).default;`,
    expression: `__wbr_rt.assetWasm(__wbr_wasm_url)`,
  }
}

/**
 * webpack 5 and Rspack make `new URL(<.wasm>, import.meta.url)` an asset module of their own (a hashed file
 * under output.path, its URL from publicPath or the chunk's own location, in every output format): ES glue
 * carries it itself; CommonJS glue, which cannot carry `import.meta`, requires it from a `data:` module,
 * which both bundlers read. No virtual module: Rspack reads one's file by its real path, which misses when
 * the app's node_modules is a symlink to a folder elsewhere.
 */
function selfUrlSource(glueFile: string, file: string, esm: boolean): SourceCode {
  const expression = `__wbr_rt.assetWasm(__wbr_wasm_url)`
  if (!esm) {
    const module = `export default new URL(${JSON.stringify(file)}, import.meta.url).href;`
    const spec = JSON.stringify('data:text/javascript;base64,' + Buffer.from(module).toString('base64'))
    return { prelude: `const __wbr_wasm_url = require(${spec}).default;`, expression }
  }
  const rel = relative(dirname(glueFile), file).split(sep).join('/')
  return { prelude: `const __wbr_wasm_url = new URL(${JSON.stringify(rel.startsWith('.') ? rel : './' + rel)}, import.meta.url).href;`, expression }
}

export interface UrlModuleContext {
  framework: string
  /** esbuild's output format (known before the build): it decides how the bundle finds its own URL. */
  esbuildFormat?: string
  /** The build targets workerd (esbuild `conditions` include `workerd`, as wrangler sets them). */
  workerd?: boolean
  emitAsset(name: string, source: Uint8Array): string
}

/** The code of the URL module for `file` (the bytes of an emitted .wasm read off the main thread, as Vite reads its assets). */
export async function wasmUrlModule(file: string, ctx: UrlModuleContext): Promise<string> {
  if (ctx.workerd) return `import m from ${JSON.stringify(file + MODULE_QUERY)};\nexport default m;`
  if (ctx.framework === 'esbuild') {
    const asset = JSON.stringify(file + ASSET_QUERY)
    return ctx.esbuildFormat === 'esm'
      ? `import p from ${asset};\nexport default new URL(p, import.meta.url).href;`
      : `import p from ${asset};\nexport default ${scriptRelative('p')};`
  }
  const ref = ctx.emitAsset(basename(file), await readFile(file))
  // Rollup, rolldown, Vite's builds: the output format is known only when chunks render, so a string
  // placeholder stands here and becomes the format's own expression in renderChunk (chunk.ts): relative
  // to the chunk, right for browser bundles under any base path and for SSR bundles run from their folder
  // alike; no `import.meta` where the format has none (a Vite library's UMD read it as `{}.url`)
  return `export default ${JSON.stringify(ASSET_PLACEHOLDER + ref + '__')};`
}

/**
 * A URL (or, under Node, a path) for `rel` — a JS expression, relative to the running script — where
 * there is no `import.meta` (CommonJS, IIFE, UMD): the script's directory under Node, else the
 * `<script>` being run (read while the bundle first runs, as `document.currentScript` is only set then),
 * the page, or a worker's own location.
 */
export function scriptRelative(rel: string): string {
  return (
    `(typeof document === 'undefined' && typeof __dirname === 'string' && !/^[a-z][a-z\\d+.-]*:/i.test(${rel}) ? __dirname + '/' + ${rel} : ` +
    `new URL(${rel}, typeof document !== 'undefined' ? (document.currentScript && document.currentScript.src) || document.baseURI : self.location.href).href)`
  )
}

export const ASSET_PLACEHOLDER = '__WASM_RECOVERY_ASSET_'
const PLACEHOLDER_RE = /__WASM_RECOVERY_ASSET_([\w$-]+?)__/g

/** Vite: replaces the asset placeholders of a chunk with `./relative/path.wasm`; undefined when there are none. */
export function assetPlaceholders(
  code: string,
  chunkFile: string,
  fileOf: (ref: string) => string,
): { code: string; map: ReturnType<MagicString['generateMap']> } | undefined {
  if (!code.includes(ASSET_PLACEHOLDER)) return undefined
  const s = new MagicString(code)
  for (const m of code.matchAll(PLACEHOLDER_RE)) {
    s.overwrite(m.index!, m.index! + m[0].length, relativeTo(chunkFile, fileOf(m[1]!)))
  }
  return { code: s.toString(), map: s.generateMap({}) }
}

/** `./path/of/file` relative to the chunk's folder. */
export function relativeTo(chunkFile: string, file: string): string {
  const rel = relative(dirname(chunkFile), file).split(sep).join('/')
  return rel.startsWith('.') ? rel : './' + rel
}
