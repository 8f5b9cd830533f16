// Builds the package in the current directory (each package's `build` script runs it):
//   dist/        ES modules, .d.ts and maps from tsc (its tsconfig.json); with --bundle, the ES entries
//                bundled instead (esbuild, code shared between entries in one chunk), the .d.ts still tsc's
//   dist/cjs/    CommonJS from the same sources (esbuild, file by file), marked by dist/cjs/package.json
// Maps carry their sources' text and src/ ships too, so they resolve where the package is installed.
// A CommonJS entry whose default export is a function becomes that function (named exports as its
// properties), so `const wasmRecovery = require('@wasm-recovery/vite')` is the plugin, as users expect.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'

const pkgDir = process.cwd()
const require = createRequire(join(pkgDir, 'package.json'))
const esbuild = require('esbuild')
const pkg = require('./package.json')

rmSync(join(pkgDir, 'dist'), { recursive: true, force: true })
const bundle = process.argv.includes('--bundle')
// --bundle (below): esbuild writes the ES modules, tsc only the declarations
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json', ...(bundle ? ['--emitDeclarationOnly'] : [])], { stdio: 'inherit' })

const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]))
const sources = walk(join(pkgDir, 'src')).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))

// the files the exports map names as entries (dist/x.js → src/x.ts)
const entries = new Set()
for (const target of Object.values(pkg.exports ?? {})) {
  const file = typeof target === 'object' ? (target.import?.default ?? target.default) : target
  if (typeof file === 'string' && file.startsWith('./dist/') && file.endsWith('.js')) entries.add(file.slice('./dist/'.length, -'.js'.length))
}

// --bundle: a bundler building an app loads each module of ours through its resolver and plugin hooks, so
// an entry of one module (and one chunk it shares with the other entries, so their classes stay one) costs
// less build time than the ~20 files tsc writes; statements stay separate, so tree-shaking is unchanged
if (bundle) {
  await esbuild.build({
    entryPoints: Object.fromEntries([...entries].map((rel) => [rel, join(pkgDir, 'src', `${rel}.ts`)])),
    outdir: join(pkgDir, 'dist'),
    bundle: true,
    splitting: true,
    chunkNames: '[name]-[hash]',
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    sourcemap: true,
    sourcesContent: true,
    logLevel: 'warning',
  })
}

// import.meta.url has no CommonJS form: each file computes it from its own path
const META = `const __wr_import_meta_url = require('node:url').pathToFileURL(__filename).href;`
const FUNCTION_ENTRY = [
  '{',
  '  const m = module.exports, d = m.default',
  "  if (typeof d === 'function') {",
  '    const f = function (...args) { return d.apply(this, args) }',
  "    Object.defineProperty(f, 'name', { value: d.name })",
  '    module.exports = Object.assign(f, m, { default: f })',
  '  }',
  '}',
].join('\n')

for (const file of sources) {
  const rel = relative(join(pkgDir, 'src'), file).replace(/\.ts$/, '')
  const outfile = join(pkgDir, 'dist/cjs', `${rel}.js`)
  await esbuild.build({
    entryPoints: [file],
    outfile,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    bundle: false,
    sourcemap: true,
    sourcesContent: true,
    logLevel: 'warning',
    define: { 'import.meta.url': '__wr_import_meta_url' },
    // only where the source reads it: a bare require('node:url') breaks a CommonJS file bundled into ES output
    banner: readFileSync(file, 'utf8').includes('import.meta.url') ? { js: META } : undefined,
    footer: entries.has(rel) ? { js: FUNCTION_ENTRY } : undefined,
  })
}
writeFileSync(join(pkgDir, 'dist/cjs/package.json'), JSON.stringify({ type: 'commonjs' }) + '\n')

// CommonJS types: the ES declarations, in the shape require() gives (a function entry is the function)
for (const rel of entries) {
  const mod = await import(pathToFileURL(join(pkgDir, 'dist', `${rel}.js`)).href)
  const up = '../'.repeat(rel.split('/').length)
  const dts =
    typeof mod.default === 'function'
      ? `import type * as ns from '${up}${rel}.js'\ndeclare const entry: typeof ns.default & typeof ns\nexport = entry\n`
      : `export * from '${up}${rel}.js'\n${'default' in mod ? `export { default } from '${up}${rel}.js'\n` : ''}`
  writeFileSync(join(pkgDir, 'dist/cjs', `${rel}.d.ts`), dts)
}
console.log(`${pkg.name}: dist (ESM, tsc) and dist/cjs (CommonJS, ${sources.length} files)`)
