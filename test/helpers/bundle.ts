import { execFile } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import commonjsPlugin from '@rollup/plugin-commonjs'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import wasmRecoveryEsbuild from '@wasm-recovery/esbuild'
import wasmRecoveryRollup from '@wasm-recovery/rollup'
import type { Options } from '@wasm-recovery/unplugin'
import * as esbuild from 'esbuild'
import { rollup, type RollupLog } from 'rollup'

export const TEST_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..')
export const OUT_DIR = join(TEST_DIR, '.out')
export const FIXTURES = join(TEST_DIR, 'fixtures', 'wasm')
export type Bundler = 'rollup' | 'esbuild'
export const BUNDLERS: Bundler[] = ['rollup', 'esbuild']

export interface BundleResult {
  file: string
  dir: string
  warnings: { code?: string; message: string; id?: string }[]
}

export interface BundleOptions {
  /** Plugin options; `false` bundles without the plugin. */
  plugin?: Options | false
  format?: 'esm' | 'cjs'
}

/** One entry through one real bundler, for Node. The same plugin options reach both bundlers. */
export async function bundle(bundler: Bundler, name: string, entry: string, o: BundleOptions = {}): Promise<BundleResult> {
  const dir = join(OUT_DIR, `${name}-${bundler}`)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const format = o.format ?? 'esm'
  const ext = format === 'esm' ? 'mjs' : 'cjs'
  const warnings: BundleResult['warnings'] = []
  if (bundler === 'esbuild') {
    const r = await esbuild.build({
      entryPoints: { entry },
      outdir: dir,
      outExtension: { '.js': `.${ext}` },
      bundle: true,
      platform: 'node',
      format,
      conditions: ['import'],
      sourcemap: true,
      logLevel: 'silent',
      plugins: o.plugin === false ? [] : [wasmRecoveryEsbuild(o.plugin)],
    })
    for (const w of r.warnings) warnings.push({ code: w.text.match(/\[wasm-recovery\]/) ? codeOf(w.text, w.detail) : undefined, message: w.text })
    return { file: join(dir, `entry.${ext}`), dir, warnings }
  }
  const build = await rollup({
    input: { entry },
    plugins: [
      ...(o.plugin === false ? [] : [wasmRecoveryRollup(o.plugin)]),
      nodeResolve({ exportConditions: ['import', 'node', 'default'], preferBuiltins: true }),
      // the package's CommonJS typings describe a namespace under NodeNext; the default is the plugin
      (commonjsPlugin as unknown as typeof commonjsPlugin.default)({ ignoreDynamicRequires: true }),
    ],
    onwarn: (w: RollupLog) => void warnings.push({ code: w.pluginCode ? String(w.pluginCode) : w.code, message: w.message, id: w.id }),
    external: (id) => id.startsWith('node:') || ['fs', 'path', 'util', 'url'].includes(id),
  })
  await build.write({ dir, format: format === 'esm' ? 'es' : 'cjs', entryFileNames: `[name].${ext}`, sourcemap: true })
  await build.close()
  return { file: join(dir, `entry.${ext}`), dir, warnings }
}

/** esbuild prints plugin warnings as text; the code travels in the message's detail. */
function codeOf(text: string, detail: unknown): string | undefined {
  const fromDetail = (detail as { code?: string } | undefined)?.code
  return fromDetail ?? /WASM_RECOVERY_[A-Z_]+/.exec(text)?.[0]
}

/** Writes a generated entry file beside the outputs (bundlers need a real file). */
export function writeEntry(name: string, code: string): string {
  const file = join(OUT_DIR, 'entries', `${name}.mjs`)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, code)
  return file
}

export interface RunResult {
  code: number | null
  stdout: string
  stderr: string
  /** The object the scenario printed after `RESULT:`. */
  result: any
}

/** Runs a bundle in a fresh Node process (a crash must not take the test runner with it). */
export async function runNode(file: string, timeoutMs = 120_000, args: string[] = []): Promise<RunResult> {
  const run = promisify(execFile)
  let stdout = ''
  let stderr = ''
  let code: number | null = 0
  try {
    ;({ stdout, stderr } = await run(process.execPath, ['--expose-gc', '--enable-source-maps', file, ...args], {
      timeout: timeoutMs,
      maxBuffer: 256 * 1024 * 1024,
    }))
  } catch (e: any) {
    stdout = e.stdout ?? ''
    stderr = e.stderr ?? ''
    code = e.code ?? null
  }
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT:'))
  return { code, stdout, stderr, result: line ? JSON.parse(line.slice(7)) : undefined }
}

/** At most `n` tasks at a time, in the order asked (child processes on a 2-core machine). */
export function semaphore(n: number) {
  let free = n
  const queue: (() => void)[] = []
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (free > 0) free--
    else await new Promise<void>((resolve) => queue.push(resolve))
    try {
      return await task()
    } finally {
      const next = queue.shift()
      if (next) next()
      else free++
    }
  }
}
