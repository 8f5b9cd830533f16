// One build function per bundler, in the style of unplugin's own test utils: the same entry and plugin
// options through webpack, Rspack, rolldown, esbuild, Rollup and Vite, for one output format and platform.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import commonjsPlugin from '@rollup/plugin-commonjs'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import type { Options } from '@wasm-recovery/unplugin'
import wasmRecoveryEsbuild from '@wasm-recovery/esbuild'
import wasmRecoveryRollup from '@wasm-recovery/rollup'
import wasmRecoveryRspack from '@wasm-recovery/rspack'
// rolldown has no adapter package: the unplugin entry, as the README shows
import wasmRecoveryRolldown from '@wasm-recovery/unplugin/rolldown'
import wasmRecoveryVite from '@wasm-recovery/vite'
import wasmRecoveryWebpack from '@wasm-recovery/webpack'
import { OUT_DIR } from './bundle.js'

export type Format = 'es' | 'cjs' | 'iife' | 'umd'
export type Platform = 'node' | 'browser'
export type BundlerName = 'webpack' | 'rspack' | 'rolldown' | 'esbuild' | 'rollup' | 'vite'

export interface BuildOptions {
  format: Format
  platform: Platform
  plugin?: Options
  /** webpack and Rspack only: the compiler's context (default: the output folder). */
  context?: string
  /** webpack and Rspack only: more of `output` (e.g. publicPath). */
  output?: Record<string, unknown>
  /**
   * The app's own .wasm handling configured as well, listed before ours: webpack/Rspack an
   * `asset/resource` rule and asyncWebAssembly, rolldown `moduleTypes`, esbuild the `file` loader, Rollup
   * @rollup/plugin-wasm, Vite vite-plugin-wasm.
   */
  ownWasm?: boolean
}

export interface Built {
  /** The entry's output file. */
  file: string
  dir: string
  /** Warnings and errors the bundler reported, as text. */
  warnings: string[]
}

/** The file extension Node needs to run each format. */
const ext = (f: Format) => (f === 'es' ? 'mjs' : f === 'cjs' ? 'cjs' : 'js')
const name = (f: Format) => `entry.${ext(f)}`

async function webpackLike(kind: 'webpack' | 'rspack', entry: string, dir: string, o: BuildOptions): Promise<Built> {
  const { format, platform } = o
  const config: any = {
    mode: 'production',
    context: o.context ?? dir,
    entry: { entry },
    target: platform === 'node' ? 'node' : 'web',
    devtool: false,
    // the browser builds as in production (minified); the Node ones readable for failure reports
    optimization: { minimize: platform === 'browser' },
    output: {
      path: dir,
      filename: name(format),
      ...(format === 'es' ? { module: true, library: { type: 'module' }, chunkFormat: 'module' } : {}),
      ...(format === 'cjs' ? { library: { type: 'commonjs2' } } : {}),
      ...(format === 'umd' ? { library: { type: 'umd', name: 'entry' }, globalObject: 'globalThis' } : {}),
      ...o.output,
    },
    plugins: [kind === 'webpack' ? wasmRecoveryWebpack(o.plugin) : wasmRecoveryRspack(o.plugin)],
    ...(o.ownWasm ? { experiments: { asyncWebAssembly: true }, module: { rules: [{ test: /\.wasm$/, type: 'asset/resource' }] } } : {}),
  }
  // webpack is CommonJS: its namespace's default export is the function
  const mod: any = kind === 'webpack' ? ((await import('webpack')) as any).default : (await import('@rspack/core')).rspack
  const stats: any = await new Promise((resolve, reject) =>
    mod(config, (err: Error | null, s: any) => (err ? reject(err) : resolve(s))),
  )
  const info = stats.toJson({ all: false, errors: true, warnings: true })
  const text = (e: any) => (typeof e === 'string' ? e : e.message)
  if (stats.hasErrors()) throw new Error(`${kind} build failed:\n${info.errors.map(text).join('\n')}`)
  return { file: join(dir, name(format)), dir, warnings: (info.warnings ?? []).map(text) }
}

export const build: Record<BundlerName, (entry: string, dir: string, o: BuildOptions) => Promise<Built>> = {
  webpack: (entry, dir, o) => webpackLike('webpack', entry, dir, o),
  rspack: (entry, dir, o) => webpackLike('rspack', entry, dir, o),

  async esbuild(entry, dir, o) {
    const esbuild = await import('esbuild')
    const format = o.format === 'es' ? 'esm' : o.format === 'umd' ? undefined : o.format
    if (!format) throw new Error('esbuild has no umd format')
    const r = await esbuild.build({
      entryPoints: { entry },
      outdir: dir,
      outExtension: { '.js': `.${ext(o.format)}` },
      bundle: true,
      platform: o.platform,
      format,
      logLevel: 'silent',
      ...(o.ownWasm ? { loader: { '.wasm': 'file' as const } } : {}),
      plugins: [wasmRecoveryEsbuild(o.plugin)],
    })
    return { file: join(dir, name(o.format)), dir, warnings: r.warnings.map((w) => w.text) }
  },

  async rolldown(entry, dir, o) {
    if (o.format === 'umd') throw new Error('not tested: rolldown umd')
    const { rolldown } = await import('rolldown')
    const warnings: string[] = []
    const bundle = await rolldown({
      input: { entry },
      platform: o.platform === 'node' ? 'node' : 'browser',
      plugins: [wasmRecoveryRolldown(o.plugin)],
      ...(o.ownWasm ? { moduleTypes: { '.wasm': 'asset' as const } } : {}),
      onwarn: (w) => void warnings.push(w.message),
    })
    await bundle.write({ dir, format: o.format, entryFileNames: name(o.format), name: 'entry' })
    await bundle.close()
    return { file: join(dir, name(o.format)), dir, warnings }
  },

  async rollup(entry, dir, o) {
    const { rollup } = await import('rollup')
    const warnings: string[] = []
    const bundle = await rollup({
      input: { entry },
      plugins: [
        ...(o.ownWasm ? [(await import('@rollup/plugin-wasm')).default()] : []),
        wasmRecoveryRollup(o.plugin),
        nodeResolve({ browser: o.platform === 'browser', preferBuiltins: true }),
        (commonjsPlugin as unknown as typeof commonjsPlugin.default)({ ignoreDynamicRequires: true }),
      ],
      onwarn: (w) => void warnings.push(w.message),
    })
    // a single file for every format (iife and umd allow no chunks)
    await bundle.write({ dir, format: o.format, entryFileNames: name(o.format), name: 'entry', inlineDynamicImports: true })
    await bundle.close()
    return { file: join(dir, name(o.format)), dir, warnings }
  },

  /** Vite: an SSR build for Node (a library build for the browser), its Rollup output in the format asked. */
  async vite(entry, dir, o) {
    const { build: viteBuild } = await import('vite')
    const warnings: string[] = []
    await viteBuild({
      configFile: false,
      logLevel: 'silent',
      customLogger: { info() {}, warn: (m: string) => void warnings.push(m), warnOnce: (m: string) => void warnings.push(m), error: (m: string) => void warnings.push(m), clearScreen() {}, hasErrorLogged: () => false, hasWarned: false } as any,
      plugins: [...(o.ownWasm ? [(await import('vite-plugin-wasm')).default()] : []), wasmRecoveryVite(o.plugin)],
      build: {
        outDir: dir,
        emptyOutDir: false,
        minify: false,
        ...(o.platform === 'node' ? { ssr: entry } : { lib: { entry, formats: [o.format], fileName: () => name(o.format), name: 'entry' } }),
        rollupOptions: { input: entry, output: { format: o.format, entryFileNames: name(o.format), inlineDynamicImports: true } },
      },
    })
    return { file: join(dir, name(o.format)), dir, warnings }
  },
}

/** A clean output folder for one cell of the matrix. */
export function outDir(...parts: string[]): string {
  const dir = join(OUT_DIR, 'bundlers', parts.join('-'))
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  // test/ is "type": "module": an IIFE or UMD `entry.js` run by node is a classic script, as anywhere else
  writeFileSync(join(dir, 'package.json'), '{ "type": "commonjs" }\n')
  return dir
}
