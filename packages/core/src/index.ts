import { copyFileSync, mkdirSync, readFileSync } from 'node:fs'
import { basename, dirname, join, relative, resolve } from 'node:path'
import { createFilter } from '@rollup/pluginutils'
import { createUnplugin, type UnpluginFactory, type UnpluginInstance } from 'unplugin'
import { GLUE_HINT, detectGlueCached } from './detect/cache.js'
import type { Glue } from './detect/glue.js'
import { diagnostic, type Diagnostic } from './diagnostics.js'
import { renderWasmChunk } from './load/chunk.js'
import { rewriteWasmUrls } from './load/ssr-wasm-urls.js'
import { ASSET_QUERY, MODULE_QUERY, URL_PREFIX, URL_QUERY, assetPlaceholders, urlModuleFile, urlModuleId, wasmUrlModule } from './load/wasm-module.js'
import { resolveOptions, type Options } from './options.js'
import { RUNTIME, moduleName, transformModule } from './transform.js'

export type { Options, Policy, FilterPattern } from './options.js'
export { resolveOptions } from './options.js'
export { detectGlue } from './detect/glue.js'
export { rewriteGlue, type RewriteOptions } from './rewrite/factory.js'
export { readWasm } from './detect/wasm.js'
export { findWasmBindgenDeps, findWasmBindgenDepTree, nodeEntryIsCommonJs } from './detect/deps.js'
export type { WasmBindgenDeps } from './detect/deps.js'
export { transformModule, type TransformContext } from './transform.js'

/** Our own runtime speaks wasm-bindgen's names (`__wbg_ptr`, …): it is never glue. */
const RUNTIME_DIR = dirname(RUNTIME)
const ESBUILD_URL_PREFIX = 'wasm-recovery-url:'
/** Our default `include`: JS files, with or without a query (Vite's `?v=`, …). */
const DEFAULT_INCLUDE = [/\.[cm]?js(?:$|\?)/]

export const unpluginFactory: UnpluginFactory<Options | undefined> = (rawOptions, meta) => {
  const options = resolveOptions(rawOptions)
  const debug = (msg: string) => options.debug && console.log(`[wasm-recovery] ${msg}`)
  let esbuildFormat: string | undefined
  let workerd = false
  /** Vite's dev server has no emitted files: the .wasm is served from disk through /@fs. */
  let viteServe = false
  let viteWorker = false
  let warnedWorker = false
  const glueCache = new Map<string, boolean>()
  const included = createFilter(options.include ?? DEFAULT_INCLUDE, options.exclude)

  /**
   * Is this bg file glue we rewrite? (a bundler entry loses its .wasm import only if so). A failure here
   * (unreadable file, a parser limit) means "no": the entry stays untouched, with a coded warning.
   */
  const handled = (file: string, warn: (w: ReturnType<typeof diagnostic>) => void): boolean => {
    let ok = glueCache.get(file)
    if (ok === undefined) {
      try {
        const d = included(file) ? detectGlueCached(file, readFileSync(file, 'utf8')) : undefined
        ok = d?.kind === 'glue' && policyOf(d, file) !== 'off'
      } catch (cause) {
        warn(diagnostic('WASM_RECOVERY_SKIPPED', `could not analyse ${basename(file)}`, file, cause))
        ok = false
      }
      glueCache.set(file, ok)
    }
    return ok
  }
  /**
   * Vite: the emitted .wasm's path, relative to each chunk that refers to it; in a build, ES chunks get
   * their top-level await back as in Rollup (a library build may be iife, umd or cjs).
   */
  const viteRenderChunk = {
    order: 'pre' as const,
    handler(this: { getFileName(ref: string): string; warn(w: Diagnostic): void }, code: string, chunk: { fileName: string }, out: { format: string; sourcemap?: unknown }) {
      if (viteServe) return assetPlaceholders(code, chunk.fileName, (ref) => this.getFileName(ref))
      // Vite's default worker.format is 'iife': no top-level await, so calls wait for ready() (said once)
      if (viteWorker && !warnedWorker && options.topLevelAwaitAuto && out.format !== 'es' && code.includes('createSupervisor')) {
        warnedWorker = true
        this.warn(diagnostic('WASM_RECOVERY_NO_TOP_LEVEL_AWAIT', `a worker bundle is '${out.format}' (Vite's worker.format), which has no top-level await: calls before \`await ready()\` throw WasmUnavailableError ('recovering')`))
      }
      // the placeholder becomes the URL in the format's own way (an iife has no import.meta)
      return renderWasmChunk(code, { fileName: chunk.fileName, format: out.format, fileOf: (ref) => this.getFileName(ref), awaitStart: options.topLevelAwaitAuto, sourcemap: !!out.sourcemap })
    },
  }
  // Rollup and rolldown transform before the output format is known (one build may even be written as
  // ES and as CommonJS): the glue gets no top-level await, and renderChunk adds it back to ES chunks
  const rollupFamily = meta.framework === 'rollup' || meta.framework === 'rolldown'
  if (options.topLevelAwaitAuto && rollupFamily) options.topLevelAwait = false
  const renderChunk = {
    // before any minifier's renderChunk (whatever the plugin order): the start call is found by its names
    order: 'pre' as const,
    handler(this: { getFileName(ref: string): string }, code: string, chunk: { fileName: string }, out: { format: string; sourcemap?: unknown }) {
      const awaitStart = options.topLevelAwaitAuto
      return renderWasmChunk(code, { fileName: chunk.fileName, format: out.format, fileOf: (ref) => this.getFileName(ref), awaitStart, sourcemap: !!out.sourcemap })
    },
  }
  const policyOf = (g: Glue, id: string) => options.policy(moduleName(g, id), id)
  const webpackFormat = (o: { output: { library?: { type?: string } | false } }) => {
    const type = (o.output.library || undefined)?.type
    if (options.topLevelAwaitAuto) options.topLevelAwait = !type || type === 'module' || type === 'modern-module'
  }

  return {
    name: 'wasm-recovery',
    enforce: 'pre',
    vite: {
      renderChunk: viteRenderChunk,
      configResolved(config) {
        viteServe = config.command === 'serve'
        viteWorker = config.isWorker
        // the dev server has no renderChunk to add the top-level await back: there the transform keeps it
        if (options.topLevelAwaitAuto) options.topLevelAwait = viteServe
      },
    },
    // webpack and Rspack run top-level await in every output (async modules), but a CommonJS/UMD/global
    // library whose entry is async exports a Promise: there the glue goes without it
    webpack: (compiler) => webpackFormat(compiler.options),
    rspack: (compiler) => webpackFormat(compiler.options),
    rolldown: { renderChunk },
    rollup: {
      renderChunk,
    },
    resolveId: {
      filter: { id: /\?wasm-recovery-url$/ },
      handler(id) {
        const file = id.slice(0, -URL_QUERY.length)
        // esbuild prints virtual ids into the bundle: no NUL byte, no absolute build path there
        return meta.framework === 'esbuild' ? urlModuleId(ESBUILD_URL_PREFIX, relative(process.cwd(), file)) : urlModuleId(URL_PREFIX, file)
      },
    },
    load: {
      filter: { id: /^(\0|)wasm-recovery-url:/ },
      handler(id) {
        const file = id.startsWith(URL_PREFIX) ? urlModuleFile(URL_PREFIX, id) : resolve(urlModuleFile(ESBUILD_URL_PREFIX, id))
        if (viteServe) {
          // browsers fetch it through the dev server; SSR (Node) reads the file itself
          const url = '/@fs' + (file.startsWith('/') ? '' : '/') + file.replace(/\\/g, '/')
          return `export default typeof document === 'undefined' && typeof process !== 'undefined' ? ${JSON.stringify(file)} : ${JSON.stringify(url)};`
        }
        return wasmUrlModule(file, {
          framework: meta.framework,
          esbuildFormat,
          workerd,
          emitAsset: (name, source) => this.emitFile({ type: 'asset', name, source }) as unknown as string,
        })
      },
    },
    transform: {
      filter: {
        // our runtime, also as Vite's dev optimizer re-bundles it (.vite/deps/@wasm-recovery_runtime.js, …_internal.js)
        id: { include: options.include ?? DEFAULT_INCLUDE, exclude: [...[options.exclude ?? []].flat(), `${RUNTIME_DIR}/**`, /[\\/]@wasm-recovery_runtime(_internal)?\.js(\?|$)/] },
        // `AGFzbQ`: a module whose only trace of wasm is an inlined binary (base64 of `\0asm`)
        // a string test before any parse: what every shape the detection recognises contains (detect/cache.ts)
        code: GLUE_HINT,
      },
      handler(code, id, opts?: { ssr?: boolean }) {
        const out = transformModule(code, id, {
          options,
          warn: (w) => this.warn(w),
          debug,
          handled: (file) => handled(file, (w) => this.warn(w)),
          nodeRequires: viteServe,
          selfUrl: meta.framework === 'webpack' || meta.framework === 'rspack',
        })
        // a Vite SSR build of a dependency (bundled for the plugin): its own loader's .wasm URLs (ssr-wasm-urls.ts)
        const env = (this as { environment?: { config?: { consumer?: string } } }).environment
        const ssrBuild = meta.framework === 'vite' && !viteServe && (env?.config?.consumer === 'server' || opts?.ssr === true)
        return out ?? (ssrBuild && /[\\/]node_modules[\\/]/.test(id) ? rewriteWasmUrls(code, id) : null)
      },
    },
    esbuild: {
      onLoadFilter: /\.[cm]?js$|^wasm-recovery-url:/,
      onResolveFilter: /\?wasm-recovery-url$/,
      setup(build) {
        const o = build.initialOptions
        // esbuild's own default: iife for browsers, cjs for Node, esm for neutral (when bundling)
        esbuildFormat = o.format ?? (o.platform === 'node' ? 'cjs' : o.platform === 'neutral' ? 'esm' : 'iife')
        if (options.topLevelAwaitAuto) options.topLevelAwait = esbuildFormat === 'esm' && o.supported?.['top-level-await'] !== false
        workerd = o.conditions?.includes('workerd') ?? false
        // workerd: every .wasm beside the bundle, imported as a module (as wrangler's CompiledWasm rule
        // does) — ours, and those a package imports itself (automerge's `workerd` export)
        // two packages may ship a .wasm of the same name (photon_rs_bg.wasm of two photon builds): the
        // second one beside the bundle gets a name of its own
        const names = new Map<string, string>()
        const external = (file: string) => {
          let name = basename(file)
          for (let i = 2; names.has(name) && names.get(name) !== file; i++) name = basename(file).replace(/\.wasm$/, `-${i}.wasm`)
          names.set(name, file)
          const outdir = o.outdir ?? (o.outfile ? dirname(o.outfile) : undefined)
          if (outdir && o.write !== false) {
            mkdirSync(outdir, { recursive: true })
            copyFileSync(file, join(outdir, name))
          }
          return { path: './' + name, external: true }
        }
        build.onResolve({ filter: /\?wasm-recovery-module$/ }, (args) => external(args.path.slice(0, -MODULE_QUERY.length)))
        if (workerd)
          build.onResolve({ filter: /\.wasm(\?module)?$/ }, (args) =>
            args.namespace === 'file' ? external(resolve(args.resolveDir, args.path.replace(/\?module$/, ''))) : undefined,
          )
        // the .wasm beside an esbuild bundle: its file loader copies it and gives the relative path
        // esbuild prints each module's path into the bundle as a comment: relative, no build-machine path
        build.onResolve({ filter: /\?wasm-recovery-asset$/ }, (args) => ({ path: relative(process.cwd(), args.path.slice(0, -ASSET_QUERY.length)), namespace: 'wasm-recovery-asset' }))
        build.onLoad({ filter: /.*/, namespace: 'wasm-recovery-asset' }, (args) => ({ contents: readFileSync(resolve(args.path)), loader: 'file' }))
      },
    },
  }
}


export const unplugin: UnpluginInstance<Options | undefined> = /* #__PURE__ */ createUnplugin(unpluginFactory)
export default unplugin
