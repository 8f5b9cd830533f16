// Builds the Worker as wrangler does (esbuild, ES module output, the `workerd` export condition), plus
// @wasm-recovery/esbuild. Output: dist/worker.js and, beside it, every .wasm it imports as a module.
//
//   node build.mjs                  build dist/
//   node build.mjs --no-recovery    the same Worker without the plugin (to see the difference)
//   node build.mjs --policy=rollback    the plugin's policy 'rollback' (objects keep their state across a panic)
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const HERE = dirname(fileURLToPath(import.meta.url))

/**
 * wrangler's default module rule (`CompiledWasm` for `*.wasm` and `*.wasm?module`): a `.wasm` your code
 * or a package imports itself (e.g. `import wasm from './x_bg.wasm'; initSync({ module: wasm })`) stays
 * an import, and the file is copied beside the bundle, where workerd loads it as a `wasm` module.
 * The glue that @wasm-recovery/esbuild rewrites needs no rule: with the `workerd` condition the plugin
 * already keeps its .wasm an import and copies the file.
 */
export function wasmModules(outdir) {
  return {
    name: 'wasm-modules',
    setup(build) {
      // two packages may ship a .wasm of the same name: the second gets a name of its own beside the bundle
      const names = new Map()
      build.onResolve({ filter: /\.wasm(\?module)?$/ }, (args) => {
        const file = resolve(args.resolveDir, args.path.replace(/\?module$/, ''))
        let name = basename(file)
        for (let i = 2; names.has(name) && names.get(name) !== file; i++) name = basename(file).replace(/\.wasm$/, `-${i}.wasm`)
        names.set(name, file)
        mkdirSync(outdir, { recursive: true })
        copyFileSync(file, join(outdir, name))
        return { path: './' + name, external: true }
      })
    },
  }
}

/** esbuild options for the Worker; `plugins` come first (put wasmRecovery() there). */
export function workerBuildOptions({ entry = join(HERE, 'src/index.js'), outdir = join(HERE, 'dist'), plugins = [], ...rest } = {}) {
  return {
    entryPoints: { worker: entry },
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    // what wrangler sets: packages' `workerd` / `worker` / `browser` builds, never their Node ones
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['browser', 'module', 'main'],
    external: ['cloudflare:*', 'node:*'],
    sourcemap: true,
    logLevel: 'warning',
    ...rest,
    plugins: [...plugins, wasmModules(outdir)],
  }
}

/**
 * `wrangler dev` runs the custom build twice at start (once for its config, once when its watcher of
 * `watch_dir` is ready): the second finds dist/ newer than every input of the first and does nothing.
 * The inputs are esbuild's own list (src/, packages) plus this file and the plugin.
 */
function upToDate(stampFile, flags) {
  let stamp
  try {
    stamp = JSON.parse(readFileSync(stampFile, 'utf8'))
  } catch {
    return false
  }
  if (stamp.flags !== flags) return false
  const built = statSync(stampFile).mtimeMs
  try {
    return [...stamp.inputs, ...stamp.outputs].every((f) => existsSync(f)) && stamp.inputs.every((f) => statSync(f).mtimeMs <= built)
  } catch {
    return false
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = process.argv.slice(2)
  const recovery = !args.includes('--no-recovery')
  // --policy=rollback (or reinit, poison): the plugin's `policy` option
  const policy = args.find((a) => a.startsWith('--policy='))?.slice('--policy='.length)
  const outdir = join(HERE, 'dist')
  const stampFile = join(outdir, '.build-inputs.json')
  const flags = JSON.stringify({ recovery, policy })
  if (upToDate(stampFile, flags)) {
    console.log('dist/ is up to date')
  } else {
    const esbuild = await import('esbuild')
    const { default: wasmRecovery } = await import('@wasm-recovery/esbuild')
    const plugins = recovery ? [wasmRecovery(policy ? { policy } : {})] : []
    const result = await esbuild.build({ ...workerBuildOptions({ outdir, plugins }), metafile: true })
    const plugin = fileURLToPath(import.meta.resolve('@wasm-recovery/esbuild'))
    // virtual modules of plugins are no files: only real ones are compared
    const inputs = [...Object.keys(result.metafile.inputs).map((f) => resolve(f)), fileURLToPath(import.meta.url), plugin].filter((f) => existsSync(f))
    const outputs = [...Object.keys(result.metafile.outputs).map((f) => resolve(f)), ...readdirSync(outdir).filter((f) => f.endsWith('.wasm')).map((f) => join(outdir, f))]
    writeFileSync(stampFile, JSON.stringify({ flags, inputs, outputs }))
    console.log(`built dist/worker.js ${recovery ? `with wasm-recovery${policy ? ` (policy '${policy}')` : ''}` : 'WITHOUT wasm-recovery'}`)
  }
}
