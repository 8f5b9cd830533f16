import { createRequire } from 'node:module'
import { basename, dirname, resolve } from 'node:path'
import { readFileSync } from 'node:fs'
import { MagicString } from 'magic-string' // named: the CommonJS build require()s this ES-only package
import { stringValue } from './detect/ast.js'
import { detectGlueCached } from './detect/cache.js'
import type { Glue } from './detect/glue.js'
import { fileOfId } from './detect/id.js'
import { diagnostic, type Diagnostic } from './diagnostics.js'
import { wasmSource } from './load/wasm-module.js'
import type { ResolvedOptions } from './options.js'
import { rewriteGlueCached } from './rewrite/cache.js'

/**
 * One copy of the runtime per bundle: every rewritten glue imports the same file — the protocol entry's
 * ES build (require resolution would pick the CommonJS one, which bundlers could then load beside the
 * app's ES import of the user entry).
 */
export const RUNTIME = esmEntry('@wasm-recovery/runtime', './internal')

function esmEntry(name: string, sub: string): string {
  const manifest = createRequire(import.meta.url).resolve(`${name}/package.json`)
  const { exports: e } = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }
  return resolve(dirname(manifest), e[sub]!.import.default)
}
/** First line of rewritten code: a second pass leaves it alone. */
export const MARK = '/* wasm-recovery */'
const RUNTIME_KEY = 'wasm-recovery.channel'

/** What one module's transform needs from its host (a bundler plugin, or Node's load hook). */
export interface TransformContext {
  options: ResolvedOptions
  warn(d: Diagnostic): void
  debug(message: string): void
  /** Is this `_bg` glue file one we rewrite? (a loader or entry over it loses its own loading only if so) */
  handled(file: string): boolean
  /**
   * CommonJS `require()` is run by Node itself, untransformed (Vite's dev server, Vitest): a package's
   * CommonJS loader must keep loading its glue's wasm, and CommonJS glue reads its .wasm from its path.
   */
  nodeRequires: boolean
  /** The .wasm is read from its own path with fs (Node without a bundler): no virtual URL module. */
  fsWasm?: boolean
  /** CommonJS glue reaches the runtime through this expression (Node's hooks cannot require() an ES module). */
  cjsRuntime?: string
  /** The bundler emits `new URL(<.wasm>, import.meta.url)` as an asset itself (webpack, Rspack): see wasmSource. */
  selfUrl?: boolean
}

/** Names that tell no package from another. */
const GENERIC_NAMES = new Set(['index', 'wasm', 'core', 'main', 'lib', 'mod', 'module', 'bundle', 'browser', 'node', 'web', 'pkg', 'dist', 'bindings'])

/**
 * The glue's module name as users know it: its .wasm's name without `_bg` and extension; where that is
 * generic (app-supplied wasm, a re-bundled `index.js`: minify-html-wasm, svg2png-wasm), its package's.
 */
export function moduleName(g: Glue, id: string): string {
  const name = basename(g.wasmFile ?? fileOfId(id).replace(/\.(c|m)?js$/, '')).replace(/_bg\.wasm$|\.wasm$/, '') || basename(id)
  // (`index.js`, @swc/wasm's `wasm.js`, 1Password's `core`; the two-file nodejs form names its import module after it: kept there)
  const pkg = GENERIC_NAMES.has(name) && !g.bgRequire ? /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/](?!.*[\\/]node_modules[\\/])/.exec(fileOfId(id)) : null
  return pkg ? pkg[1]!.replace(/\\/g, '/') : name
}

/** Rewrites glue (or the entry / loader over it); null leaves the module untouched. Never throws. */
export function transformModule(code: string, id: string, ctx: TransformContext): { code: string; map: ReturnType<MagicString['generateMap']>; moduleSideEffects: true } | null {
  const { options, warn, debug } = ctx
  // never wrapped twice: our mark, or (minified away) the runtime itself, bundled in with the glue it
  // protects (a library built with the plugin); its channel's key survives any minifier
  if (code.includes(MARK) || code.includes(RUNTIME_KEY)) return null
  let found
  try {
    found = detectGlueCached(id, code)
  } catch (cause) {
    warn(diagnostic('WASM_RECOVERY_SKIPPED', `could not analyse ${basename(id)}`, id, cause))
    return null
  }
  if (!found) return null
  if (found.kind === 'skip') {
    warn(diagnostic(found.code, `${basename(id)} left untouched: ${found.message}`, id))
    return null
  }
  if (found.kind === 'entry') {
    if (!ctx.handled(found.bgFile)) return null
    // Vitest runs an inlined CommonJS loader with Node's own require(), which would load the glue untransformed:
    // the glue is imported instead, so that it comes through the module runner (and this transform)
    const viaImport = ctx.nodeRequires && !found.parsed.esm
    if (viaImport && !found.requires?.length) {
      warn(diagnostic('WASM_RECOVERY_UNPROTECTED', `${basename(id)} requires its glue with CommonJS require(), which Vite's dev server and Vitest leave to Node: it runs without recovery here (a build protects it)`, id))
      return null
    }
    debug(`${id}: bundler entry of ${found.bgFile}; its .wasm import is handled by the glue${viaImport ? ' (the glue imported, not required)' : ''}`)
    const s = new MagicString(code)
    for (const n of found.remove) s.remove(n.start, n.end)
    for (const n of found.voids ?? []) s.overwrite(n.start, n.end, 'undefined')
    if (viaImport) {
      for (const n of found.requires!) s.overwrite(n.start, n.end, '__wbr_glue')
      s.prepend(`import * as __wbr_glue from ${JSON.stringify(stringValue(found.requires![0].arguments[0]))};\n`)
    }
    s.prepend(MARK + '\n')
    return { code: s.toString(), map: s.generateMap({ source: id, includeContent: true }), moduleSideEffects: true }
  }
  const name = moduleName(found, id)
  const policy = options.policy(name, id)
  debug(
    `${id}: wasm-bindgen glue, target ${found.target} (${found.format}), CLI ${found.bindgenVersion ?? 'unknown'}, ` +
      `${found.era}, wasm ${found.runtimeWasm ? `app-supplied:${found.wasmFile ?? 'none'}` : (found.wasmFile ?? 'inlined')}, policy ${policy}`,
  )
  if (policy === 'off') return null
  if (found.features.panicError) debug(`${id}: panic=unwind glue: PanicError passes through, no reinit`)
  try {
    const fromPath = options.wasm === 'asset' && (ctx.fsWasm || (ctx.nodeRequires && found.format === 'cjs'))
    const source =
      found.runtimeWasm || !found.wasmFile
        ? { expression: 'undefined' }
        : fromPath
          ? // Node runs this glue itself: the runtime reads the .wasm from its own path with fs
            { expression: `__wbr_rt.assetWasm(${JSON.stringify(found.wasmFile)})` }
          : wasmSource(found.wasmFile, options.wasm, found.format === 'esm', ctx.selfUrl ? fileOfId(id) : undefined)
    const out = rewriteGlueCached(code, id, found, {
      runtimeId: RUNTIME,
      source: source.expression,
      sourcePrelude: source.prelude,
      policy,
      maxConsecutiveAborts: options.maxConsecutiveAborts,
      rollback: options.rollback,
      moduleName: name,
      mark: MARK,
      topLevelAwait: options.topLevelAwait,
      cjsRuntime: ctx.cjsRuntime,
    })
    return { code: out.code, map: out.map, moduleSideEffects: true }
  } catch (cause) {
    warn(diagnostic('WASM_RECOVERY_SKIPPED', `could not rewrite ${basename(id)}`, id, cause))
    return null
  }
}
