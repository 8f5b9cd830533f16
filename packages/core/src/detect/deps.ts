import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'

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
