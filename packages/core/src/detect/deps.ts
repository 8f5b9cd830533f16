import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'
import { parse } from './ast.js'

/**
 * The app's direct dependencies that ship wasm-bindgen output (a `*_bg.wasm` within two folder levels).
 * Bundlers that pre-bundle or externalise dependencies (Vite's optimizeDeps, SSR) must leave these to
 * the plugin's transform.
 */
export function findWasmBindgenDeps(root: string): string[] {
  let pkg: { dependencies?: object; devDependencies?: object; optionalDependencies?: object }
  try {
    pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  } catch {
    return []
  }
  const require = createRequire(join(root, 'package.json'))
  const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies, ...pkg.optionalDependencies })
  return names.filter((name) => {
    const dir = packageDir(require, name)
    return dir !== undefined && hasBgWasm(dir, 2)
  })
}

function packageDir(require: NodeRequire, name: string): string | undefined {
  try {
    return dirname(require.resolve(`${name}/package.json`))
  } catch {
    // packages whose exports hide package.json: walk node_modules from the root instead
    for (const base of require.resolve.paths(name) ?? []) if (existsSync(join(base, name, 'package.json'))) return join(base, name)
    return undefined
  }
}

function hasBgWasm(dir: string, depth: number): boolean {
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return false
  }
  for (const e of entries) {
    if (e.isFile() && e.name.endsWith('_bg.wasm')) return true
    if (depth > 0 && e.isDirectory() && e.name !== 'node_modules') if (hasBgWasm(join(dir, e.name), depth - 1)) return true
  }
  return false
}

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
  if (!dir) return false
  try {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
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
