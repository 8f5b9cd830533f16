import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'
import { parse } from './ast.js'
import { readWasmFile } from './wasm.js'

/** The app's wasm-bindgen dependencies, and the packages through which it reaches those it does not list. */
export interface WasmBindgenDeps {
  /** Packages that ship wasm-bindgen output (a wasm of wasm-bindgen's within three folder levels). */
  deps: string[]
  /** ES packages between the app and a dependency of `deps` it does not list itself (a UI package over tiktoken). */
  parents: string[]
}

/**
 * The app's dependencies that ship wasm-bindgen output: its own, and theirs (a UI package over tiktoken,
 * a workspace package), to `TRANSITIVE_DEPTH`. Bundlers that pre-bundle or externalise dependencies
 * (Vite's optimizeDeps, SSR) must leave these to the plugin's transform: a package pre-bundled into its
 * parent would bypass it, as would one an external parent imports. Kept per root for the process.
 */
export function findWasmBindgenDepTree(root: string): WasmBindgenDeps {
  // (a package installed since: the root's package.json changed)
  const key = `${root}\0${mtime(join(root, 'package.json'))}`
  const known = found.get(key)
  if (known) return known
  const deps = new Set<string>()
  const parents = new Set<string>()
  const seen = new Set<string>()
  // `chain`: the packages between the app and `from`, whose package.json is `pkg`
  const walk = (from: string, pkg: PackageJson, chain: string[], dev: boolean): void => {
    const require = createRequire(join(from, 'package.json'))
    for (const name of Object.keys({ ...pkg.dependencies, ...(dev ? pkg.devDependencies : {}), ...pkg.optionalDependencies })) {
      const dir = packageDir(require, name)
      if (dir === undefined || seen.has(dir)) continue
      seen.add(dir)
      if (hasBgWasm(dir, 3)) {
        deps.add(name)
        for (const p of chain) parents.add(p)
      }
      // (a wasm package may hold its glue in a dependency: @cf-wasm/resvg over @resvg/resvg-wasm)
      const sub = chain.length < TRANSITIVE_DEPTH ? readPackageJson(dir) : undefined
      if (sub && shipsEsm(sub)) walk(dir, sub, [...chain, name], false)
    }
  }
  const app = readPackageJson(root)
  if (app) walk(root, app, [], true)
  const tree = { deps: [...deps], parents: [...parents] }
  found.set(key, tree)
  return tree
}

/** The app's wasm-bindgen dependencies, direct and transitive (see findWasmBindgenDepTree). */
export function findWasmBindgenDeps(root: string): string[] {
  return findWasmBindgenDepTree(root).deps
}

/** How deep the app's dependencies are searched (0: its own only). */
const TRANSITIVE_DEPTH = 2
const found = new Map<string, WasmBindgenDeps>()

const mtime = (file: string) => {
  try {
    return statSync(file).mtimeMs
  } catch {
    return 0
  }
}

interface PackageJson {
  type?: string
  main?: string
  module?: string
  exports?: unknown
  dependencies?: object
  devDependencies?: object
  optionalDependencies?: object
}

function readPackageJson(dir: string): PackageJson | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  } catch {
    return undefined
  }
}

/**
 * A package whose dependencies are looked into: one that ships ES modules (`type: module`, a `module`
 * field, an `import` condition). A pre-bundled CommonJS parent `require()`s its dependencies, which it
 * could not once they are excluded from pre-bundling: such a parent is left as it is.
 */
const shipsEsm = (pkg: PackageJson): boolean => pkg.type === 'module' || typeof pkg.module === 'string' || hasImportCondition(pkg.exports)

function packageDir(require: NodeRequire, name: string): string | undefined {
  try {
    return dirname(require.resolve(`${name}/package.json`))
  } catch {
    // packages whose exports hide package.json: walk node_modules from the root instead
    for (const base of require.resolve.paths(name) ?? []) if (existsSync(join(base, name, 'package.json'))) return join(base, name)
    return undefined
  }
}

/**
 * A wasm of wasm-bindgen's within `depth` folders: `*_bg.wasm` by its name, another `.wasm` by its imports
 * (@cf-wasm/resvg's `dist/lib/resvg.wasm`; @jsquash/resize's `lib/resize/pkg/…` is three levels down).
 */
function hasBgWasm(dir: string, depth: number): boolean {
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return false
  }
  for (const e of entries) {
    if (e.isFile() && (e.name.endsWith('_bg.wasm') || (e.name.endsWith('.wasm') && madeByBindgen(join(dir, e.name))))) return true
    if (depth > 0 && e.isDirectory() && e.name !== 'node_modules') if (hasBgWasm(join(dir, e.name), depth - 1)) return true
  }
  return false
}

function madeByBindgen(file: string): boolean {
  try {
    const w = readWasmFile(file)
    return !!w && (w.bindgenVersion !== undefined || w.imports.some((i) => i.module === 'wbg' || i.module === '__wbindgen_placeholder__' || /_bg(\.js)?$/.test(i.module)))
  } catch {
    return false
  }
}

const hasImportCondition = (e: unknown): boolean =>
  !!e && typeof e === 'object' && Object.entries(e).some(([k, v]) => k === 'import' || hasImportCondition(v))

/** The conditions an ES import from Node matches (Vite's SSR: `node`, `import`, `module`). */
const NODE_IMPORT = new Set(['node', 'import', 'module', 'default', 'development', 'production'])

function pickExport(e: unknown): string | undefined {
  if (typeof e === 'string') return e
  if (Array.isArray(e)) return e.map(pickExport).find((x) => x !== undefined)
  if (e && typeof e === 'object') for (const [k, v] of Object.entries(e)) if (NODE_IMPORT.has(k)) { const r = pickExport(v); if (r !== undefined) return r }
  return undefined
}

/**
 * Is the file an ES import of package `name` from Node reaches CommonJS (tiktoken's `node` condition,
 * photon-node's `main`)? Vite's dev SSR runner evaluates only ES modules: CommonJS it cannot inline.
 */
export function nodeEntryIsCommonJs(root: string, name: string): boolean {
  const dir = packageDir(createRequire(join(root, 'package.json')), name)
  const pkg = dir && readPackageJson(dir)
  if (!dir || !pkg) return false
  try {
    const exp = pkg.exports && typeof pkg.exports === 'object' && !Array.isArray(pkg.exports) && '.' in pkg.exports ? pkg.exports['.'] : pkg.exports
    const entry = (exp !== undefined ? pickExport(exp) : undefined) ?? pkg.module ?? pkg.main ?? 'index.js'
    const file = join(dir, entry)
    if (file.endsWith('.cjs')) return true
    if (file.endsWith('.mjs')) return false
    const code = readFileSync(existsSync(file) ? file : file + '.js', 'utf8')
    return pkg.type !== 'module' && parse(file, code)?.esm === false
  } catch {
    return false
  }
}
