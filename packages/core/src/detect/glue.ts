import { existsSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import type { DiagnosticCode } from '../diagnostics.js'
import { parse, type Node, type Parsed } from './ast.js'
import { fileOfId } from './id.js'
import { inlineWasm } from './inline.js'
import { inlineSelfInstantiating } from './inline-self.js'
import { missingWasm } from './missing-wasm.js'
import { detectLoader } from './loader.js'
import { unprotectedWasm } from './unprotected.js'
import { loaderStatements, scanBody, type BodyScan } from './body.js'
import { collectExports, esbuildCjsExports, exportsName, scriptExports } from './exports.js'
import { detectEntry } from './entry.js'
import { Scopes } from './scope.js'
import { iifeScript, noModulesBody } from './script.js'
import { initEntries, minifiedInit, type InitEntries } from './web-init.js'
import { heapSlab, type HeapSlab } from './slab.js'
import { readWasmFile, type WasmInfo } from './wasm.js'

/** The shapes the wasm-bindgen CLI emits, as we handle them. */
export type Target = 'bundler' | 'bundler-circular' | 'bundler-inline' | 'web' | 'nodejs' | 'deno' | 'module' | 'nodejs-module' | 'no-modules'

export interface GlueExport {
  name: string
  local: string
  kind: 'function' | 'class' | 'value'
  /** Fixed arity for the facade, or undefined when the glue uses rest/default parameters. */
  arity?: number
  /** Static methods of a class, for its facade. */
  statics?: string[]
  /** Instance methods and accessors of a class, for guards generated per method. */
  methods?: { key: string; kind: 'method' | 'get' | 'set'; arity: number | undefined }[]
  /** A value that is the package's own namespace object (`{ World: Ng, get Mode() { return m } }`): key → local. */
  members?: { key: string; local: string }[]
}

export interface Glue {
  kind: 'glue'
  parsed: Parsed
  target: Target
  format: 'esm' | 'cjs'
  bind: 'set_wasm' | 'self' | 'init'
  /** JS heap slab (older CLIs) or externref table (newer). */
  era: 'heap' | 'externref'
  /** heap era: the slab's names (rollback saves it with the memory). */
  slab?: HeapSlab
  bindgenVersion: string | undefined
  /** The .wasm read at build time; undefined when it only arrives at run time. */
  wasmFile: string | undefined
  /** web: the app (or a wrapper) supplies the wasm to init()/initSync(); the plugin emits none. */
  runtimeWasm: boolean
  wasm: WasmInfo
  exports: GlueExport[]
  features: { start: boolean; finalizers: boolean; upstreamResetState: boolean; panicError: boolean; callGuard: boolean }
  /** Top-level names the body declares (the factory must not shadow them). */
  declared: Set<string>
  /**
   * Glue inside a script's IIFE (no-modules, a package's esbuild IIFE): where code that needs the IIFE's
   * names goes (before its final `return`, else at its end).
   */
  scriptInsert?: number
  /** A package's esbuild IIFE: the global its script declares (`var X = (() => …)()`). */
  scriptGlobal?: string
  /** bundler-circular: `import * as wasm from './x_bg.wasm'`; module: `import source m from './x_bg.wasm'`. */
  wasmImport?: Node
  /** self: the statement that instantiates and the call itself. */
  instantiate?: { statement: Node; call: Node }
  /** self: top-level statements that only locate / read the .wasm (removed). */
  loaderStatements: Node[]
  /** web: `new URL('x_bg.wasm', import.meta.url)` default inputs. */
  defaultUrls: Node[]
  /** web: init()/initSync() take `{ module_or_path }` / `{ module }`. */
  initObjectArgs: boolean
  /** web: how a generation is initialised when `default` / `initSync` are not exported (re-bundled glue). */
  init?: InitEntries
  /** Other JS modules the wasm imports (snippets), for bundler shapes. */
  extraImportModules: string[]
  selfImportModule?: string
  /** self: the two-file nodejs form (`wasm = require('./x_bg')`; see BodyScan.bgRequire). */
  bgRequire?: boolean
}

export interface Entry {
  kind: 'entry'
  parsed: Parsed
  /** Statements that load or hand over the wasm; the plugin's glue does that now. */
  remove: Node[]
  bgFile: string
  /** A CommonJS loader's `require()` calls of the glue (see Loader). */
  requires?: Node[]
  /** Expressions that become `undefined` (see Loader). */
  voids?: Node[]
}

export interface Skip {
  kind: 'skip'
  code: DiagnosticCode
  message: string
}

const HELPERS =
  /^(getStringFromWasm\d*|passStringToWasm\d*|getUint8(Array)?Memory\d*|getInt32Memory\d*|getDataViewMemory\d*|addHeapObject|getObject|takeObject|dropObject|handleError|isLikeNone|debugString|passArray8ToWasm\d*|getArrayU8FromWasm\d*|addToExternrefTable\d*|makeMutClosure|makeClosure|_assertClass|__wbg_get_imports|__wbg_finalize_init|__wbg_load|__wbg_set_wasm|__wbg_init|initSync|__wbg_adapter_\d+|takeFromExternrefTable\d*)$/
const WASM_FILE = /\.wasm$/
/** A wasm known only at run time. */
const UNKNOWN_WASM: WasmInfo = { imports: [], exports: [], exportArity: {}, sharedMemory: false, bindgenVersion: undefined, size: 0, startSection: true }

/** Is this module wasm-bindgen glue, a bundler-target entry, or neither? */
export function detectGlue(id: string, code: string): Glue | Entry | Skip | undefined {
  // (nor a wasm2js module: megabytes of asm.js, `function asmFunc(imports)`, its imports the glue's names)
  if ((!code.includes('wasm') && !code.includes('AGFzbQ')) || code.includes('function asmFunc(')) return undefined
  const parsed = parse(id, code)
  if (!parsed) return undefined
  const body: Node[] = parsed.program.body
  const declared = new Map<string, Node>()
  let helpers = 0
  for (const s of body) {
    const d = s.type.startsWith('Export') && s.declaration ? s.declaration : s
    if ((d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id) {
      declared.set(d.id.name, d)
      if (HELPERS.test(d.id.name)) helpers++
    } else if (d.type === 'VariableDeclaration') {
      for (const v of d.declarations) if (v.id.type === 'Identifier') declared.set(v.id.name, v)
    } else if (d.type === 'ImportDeclaration') {
      for (const sp of d.specifiers) declared.set(sp.local.name, sp)
    }
  }
  // @rollup/plugin-commonjs ran first: the glue reaches us as `requireX()` wrappers importing `\0…?commonjs-exports`
  if (body.some((s) => s.type === 'ImportDeclaration' && /^\0.*commonjs/i.test(s.source.value)) && /__wbindgen_|__wbg_/.test(code))
    return skip('WASM_RECOVERY_PLUGIN_ORDER', 'it reached wasm-recovery already converted from CommonJS by another plugin (@rollup/plugin-commonjs)')
  const wasmImport = body.find(
    (s) => s.type === 'ImportDeclaration' && WASM_FILE.test(s.source.value) && s.importKind !== 'type',
  )
  const script = helpers < 2 && declared.has('wasm_bindgen') ? noModulesBody(body) : undefined
  // a classic script esbuild made of a whole package (`--format=iife --global-name=X`, resvg's index.min.js)
  const candidate = !script && !parsed.esm ? iifeScript(body) : undefined
  const iifeNamespace = candidate && esbuildCjsExports(candidate.body, candidate.namespace)
  const iife = iifeNamespace ? candidate : undefined
  const inner = script ?? iife
  if (inner) {
    // the names live in the IIFE: no-modules' `wasm_bindgen`, or the package's esbuild IIFE
    for (const s of inner.body) if (s.type === 'FunctionDeclaration' && HELPERS.test(s.id.name)) helpers++
    for (const s of inner.body) {
      const d = s.type === 'VariableDeclaration' ? s.declarations : [s]
      for (const n of d) if (n.id?.type === 'Identifier') declared.set(n.id.name, n)
    }
  }
  // glue re-bundled into a larger file (esbuild, webpack, rollup's CommonJS helpers around it): re-running
  // that file per generation would re-run unrelated code, so it is left alone
  const multiModule = /\b(__webpack_require__|__commonJS|__esm\(|_interopRequireDefault|__vite_ssr_import__)\b/.test(code)
  const rebundled = multiModule || /\b(__toESM|__defProp)\b/.test(code)
  // one package's own file that esbuild / tsup turned into CommonJS (`module.exports = __toCommonJS(ns)`,
  // resvg's index.js) is flat: no module of anyone else's inside, so re-running it per generation is safe
  const cjsNamespace = parsed.esm ? undefined : (iifeNamespace ?? esbuildCjsExports(body))
  // glue whose file instantiates its inlined wasm itself (inline-self.ts): flat, even with esbuild's namespace helpers
  let inlineSelf = !inner ? inlineSelfInstantiating(parsed.program, declared) : undefined
  if (helpers >= 2 && rebundled && (multiModule || (!cjsNamespace && !inlineSelf)))
    return skip('WASM_RECOVERY_UNRECOGNISED', 'wasm-bindgen glue inside a re-bundled file (other modules share it); bundle the package from its own files instead')
  // the body's loading code, read at most once, and only for files that get past the entry/loader returns
  let scanned: BodyScan | undefined
  const scan = () => (scanned ??= scanBody(body))
  let minified = false
  if (helpers < 2) {
    if (wasmImport) return detectEntry(id, parsed, wasmImport)
    const loader = detectLoader(id, parsed, code)
    if (loader?.kind === 'loader') return { kind: 'entry', parsed, remove: loader.remove, bgFile: loader.bgFile, requires: loader.requires, voids: loader.voids }
    if (loader) return skip(loader.code, loader.message)
    // the generator's fingerprints without its names: minified web glue is still glue when its async init
    // keeps its shape (an ES module of its own, not a CommonJS bundle of several)
    const fingerprints = code.match(/__wbindgen_[a-z_]+|__wbg_[a-z_]+/g)?.length ?? 0
    // (or one package's CommonJS / IIFE form, minified: esbuild's namespace, Rollup's flat `exports.World = qg` (rapier-compat))
    const webInit = (cjsNamespace !== undefined || !rebundled) && minifiedInit(declared) !== undefined
    // minified bundler glue keeps its export names (`__wbg_set_wasm`); minified nodejs glue its top-level instantiation
    const bundler = parsed.esm && !rebundled && exportsName(body, '__wbg_set_wasm')
    const nodejs = !parsed.esm && !rebundled && scan().instantiate !== undefined
    minified = fingerprints >= 3 && (webInit || bundler || nodejs)
    if (!minified) {
      if (fingerprints >= 3 && /WebAssembly\b/.test(code))
        return skip('WASM_RECOVERY_UNRECOGNISED', 'looks like wasm-bindgen glue (minified or re-bundled?) but its shape is not recognised')
      const u = unprotectedWasm(id, parsed, code)
      if (u)
        return skip('WASM_RECOVERY_UNPROTECTED', `it instantiates ${u.bindgenVersion ? `${u.wasm}, made by wasm-bindgen ${u.bindgenVersion},` : u.wasm} in a way the plugin does not recognise`)
      return undefined
    }
  }
  if (/\bSharedArrayBuffer\b|__wbindgen_thread_destroy|wbg_rayon/.test(code))
    return skip('WASM_RECOVERY_THREADS', 'threaded builds (shared memory) cannot be re-instantiated safely')

  const exports = script ? scriptExports(script.body, declared) : collectExports(parsed, declared, cjsNamespace)
  const has = (name: string) => exports.some((e) => e.name === name)
  const found = scan()
  let target: Target
  if (script) target = 'no-modules'
  else if (inlineSelf) target = 'bundler-inline'
  else if (has('__wbg_set_wasm')) target = 'bundler'
  else if (wasmImport && wasmImport.phase !== 'source') target = 'bundler-circular'
  else if (found.instantiate) target = !parsed.esm ? 'nodejs' : /\bDeno\./.test(code) ? 'deno' : wasmImport ? 'module' : 'nodejs-module'
  else if (found.bgRequire && !parsed.esm) {
    // the two-file nodejs form: `wasm = require('./x_bg')` is where the instance comes from
    target = 'nodejs'
    found.instantiate = { statement: found.bgRequire.statement, call: found.bgRequire.call }
    found.wasmName = basename(found.bgRequire.spec).replace(/\.js$/, '') + '.wasm'
  }
  // re-bundled web glue may export neither: a wrapper calls the generator's `__wbg_init` / `initSync`
  // (`finalizeInit` before 0.2.87: @resvg/resvg-wasm 2.4's, re-bundled by tsup)
  else if (has('initSync') || has('default') || declared.has('__wbg_init') || declared.has('__wbg_finalize_init') || declared.has('finalizeInit') || minified) target = 'web'
  else return skip('WASM_RECOVERY_UNKNOWN_SHAPE', 'looks like wasm-bindgen glue, but no known way it gets its instance')

  const file = fileOfId(id)
  const dir = dirname(file)
  const beside = resolve(dir, basename(file).replace(/(_bg)?\.(c|m)?js$/, target === 'bundler' ? '$1.wasm' : '_bg.wasm'))
  let wasmFile =
    inlineSelf ? undefined : target === 'bundler' || target === 'no-modules'
      ? beside
      : wasmImport
        ? resolve(dir, wasmImport.source.value)
        : found.wasmName && resolve(dir, found.wasmName)
  // web glue whose wasm the app or a wrapper hands to init()/initSync() at run time (no default URL, or
  // re-bundled with its URL dropped): the compiled Module comes from the glue's own loading, so the
  // .wasm is only read here, when it sits beside the glue, to learn its exports
  const runtimeWasm = target === 'web' && (!wasmFile || !existsSync(wasmFile) || (found.deadUrls > 0 && found.urls.length === 0))
  // (beside it under its own name, else under the name its code gives: `index.min.js` loads `index_bg.wasm`)
  const named = found.wasmName && resolve(dir, found.wasmName)
  if (runtimeWasm) wasmFile = existsSync(beside) ? beside : named && existsSync(named) ? named : undefined
  // nodejs-style glue whose loader reads a base64 literal instead of its file (@swc/wasm-typescript): the same
  if (!wasmFile && !runtimeWasm && found.instantiate && !inlineSelf) inlineSelf = inlineWasm(parsed.program)
  if (!wasmFile && !runtimeWasm && !inlineSelf) return skip('WASM_RECOVERY_NO_WASM', 'could not tell which .wasm file this glue loads')
  if (wasmFile && !existsSync(wasmFile)) return missingWasm(wasmFile, parsed.program)
  const wasm = inlineSelf ?? (wasmFile ? readWasmFile(wasmFile) : (inlineWasm(parsed.program) ?? UNKNOWN_WASM))
  if (!wasm) return skip('WASM_RECOVERY_BAD_WASM', `${wasmFile} is not a readable WebAssembly binary`)
  if (wasm.sharedMemory) return skip('WASM_RECOVERY_THREADS', 'threaded builds (shared memory) cannot be re-instantiated safely')

  const self = './' + basename(file).replace(/\.(c|m)?js$/, '')
  const modules = [...new Set(wasm.imports.map((i) => i.module))]
  const selfModule = modules.find((m) => m.replace(/\.(c|m)?js$/, '') === self)
  if (target === 'bundler' || target === 'bundler-circular') {
    // a stale _bg.js beside a newer .wasm (decoy): pair by the import section, never by file name
    const missing = selfModule
      ? wasm.imports.filter((i) => i.module === selfModule && !has(i.name)).map((i) => i.name)
      : ['(no import module ' + self + '.js)']
    if (missing.length)
      return skip('WASM_RECOVERY_MISMATCH', `the glue does not match ${basename(wasmFile!)}: it lacks ${missing.slice(0, 3).join(', ')}`)
  } else if (wasm === UNKNOWN_WASM) {
    // nothing to pair with at build time: the generator's helpers identified it; its exports are guarded
    // as the instance offers them
  } else if (!wasm.bindgenVersion && !modules.some((m) => m === 'wbg' || m === '__wbindgen_placeholder__' || m === selfModule)) {
    return skip('WASM_RECOVERY_NOT_BINDGEN', `${basename(wasmFile!)} was not made by wasm-bindgen`)
  } else {
    // the glue builds its import object itself: every function the wasm imports from it must be named in it
    const own = (m: string) => ['wbg', '__wbindgen_placeholder__', self, self.replace(/(_bg)?$/, '_bg')].includes(m.replace(/\.(c|m)?js$/, ''))
    const missing = wasm.imports.filter((i) => own(i.module) && !code.includes(i.name)).map((i) => i.name)
    if (missing.length)
      return skip('WASM_RECOVERY_MISMATCH', `the glue does not match ${basename(wasmFile!)}: it lacks ${missing.slice(0, 3).join(', ')}`)
  }

  const bind = target === 'bundler' || target === 'bundler-circular' ? 'set_wasm' : target === 'web' || target === 'no-modules' ? 'init' : 'self'
  const scopes = new Scopes(parsed, iife?.fn)
  const slab = heapSlab(declared, parsed.program)
  const init = target === 'web' ? initEntries(exports, declared, scopes) : undefined
  const loader = bind === 'self' && !inlineSelf ? loaderStatements(body, found, declared, scopes) : []
  if (!loader) return skip('WASM_RECOVERY_UNKNOWN_SHAPE', 'the code that loads the .wasm is used elsewhere in the glue')
  return {
    kind: 'glue',
    parsed,
    target,
    format: parsed.esm || inner ? 'esm' : 'cjs',
    bind,
    era: slab ? 'heap' : 'externref',
    slab,
    bindgenVersion: wasm.bindgenVersion,
    wasmFile,
    runtimeWasm,
    wasm,
    exports,
    features: {
      start: wasm.exports.includes('__wbindgen_start'),
      finalizers: code.includes('FinalizationRegistry'),
      upstreamResetState: declared.has('__wbg_reset_state'),
      panicError: declared.has('PanicError'),
      callGuard: /__wbg_call_guard|__wbindgen_wrapped_jstag/.test(code),
    },
    declared: new Set(declared.keys()),
    scriptInsert: inner?.insert,
    scriptGlobal: iife?.global,
    wasmImport,
    instantiate: inlineSelf ? undefined : found.instantiate,
    loaderStatements: loader,
    defaultUrls: found.urls,
    initObjectArgs: code.includes('using deprecated parameters'),
    init,
    extraImportModules: bind === 'set_wasm' ? modules.filter((m) => m !== selfModule) : [],
    selfImportModule: selfModule,
    bgRequire: found.bgRequire !== undefined && found.instantiate?.call === found.bgRequire.call,
  }
}

const skip = (code: DiagnosticCode, message: string): Skip => ({ kind: 'skip', code, message })
