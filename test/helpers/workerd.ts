// Build Workers as wrangler does (esbuild: ES module output, `workerd` export condition) and run them in
// the real Workers runtime: the `workerd` npm package's binary, on 127.0.0.1, one process per test file,
// stopped by its pid.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import wasmRecoveryEsbuild from '@wasm-recovery/esbuild'
import type { Options } from '@wasm-recovery/unplugin'
import * as esbuild from 'esbuild'
import { OUT_DIR, TEST_DIR } from './bundle.js'

export const WORKERD_OUT = join(OUT_DIR, 'workerd')
export const EXAMPLE_DIR = resolve(TEST_DIR, '..', 'examples', 'workers')

/** The workerd binary itself (not the npm `bin` wrapper, a Node process that would outlive a kill). */
export function workerdBinary(): string {
  const mod = createRequire(join(TEST_DIR, 'package.json'))('workerd') as { default: string }
  return mod.default
}

export function workerdCompatibilityDate(): string {
  return (createRequire(join(TEST_DIR, 'package.json'))('workerd') as { compatibilityDate: string }).compatibilityDate
}

/** A port nobody listens on right now (workerd binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer()
    s.unref()
    s.on('error', fail)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => done(port))
    })
  })
}

interface ExampleBuild {
  workerBuildOptions(o: { entry?: string; outdir?: string; plugins?: esbuild.Plugin[] } & esbuild.BuildOptions): esbuild.BuildOptions
}

export interface WorkerBuildResult {
  outdir: string
  /** The .wasm files beside the bundle, each imported by it as a module. */
  wasm: string[]
  warnings: string[]
  /** The bundle's imports that stay imports (what workerd must provide as modules). */
  imports: string[]
}

/**
 * Bundles a Worker with the options examples/workers/build.mjs uses (the same wrangler-like settings,
 * the same `.wasm` module rule), with or without the plugin. Packages resolve from test/node_modules.
 */
export async function buildWorker(o: {
  entry: string
  outdir: string
  plugin: Options | false
  alias?: Record<string, string>
}): Promise<WorkerBuildResult> {
  rmSync(o.outdir, { recursive: true, force: true })
  mkdirSync(o.outdir, { recursive: true })
  const example = (await import(pathToFileURL(join(EXAMPLE_DIR, 'build.mjs')).href)) as ExampleBuild
  const r = await esbuild.build({
    ...example.workerBuildOptions({
      entry: o.entry,
      outdir: o.outdir,
      plugins: o.plugin === false ? [] : [wasmRecoveryEsbuild(o.plugin)],
      nodePaths: [join(TEST_DIR, 'node_modules')],
      alias: o.alias,
      logLevel: 'silent',
      metafile: true,
    }),
  })
  const out = r.metafile!.outputs
  const main = Object.keys(out).find((k) => k.endsWith('worker.js'))!
  return {
    outdir: o.outdir,
    wasm: readdirSync(o.outdir).filter((f) => f.endsWith('.wasm')),
    warnings: r.warnings.map((w) => w.text),
    imports: out[main].imports.filter((i) => i.external).map((i) => i.path),
  }
}

export interface ServiceSpec {
  name: string
  /** The build's output directory. */
  dir: string
  port: number
  durableObject?: { binding: string; className: string }
}

/** One workerd config serving several Workers, each on its own socket, each its own isolate. */
export function writeConfig(file: string, services: ServiceSpec[]): string {
  const base = resolve(file, '..')
  const rel = (p: string) => JSON.stringify(relative(base, p))
  const worker = (s: ServiceSpec) => {
    const modules = [
      `(name = "worker.js", esModule = embed ${rel(join(s.dir, 'worker.js'))})`,
      // a relative import `./x_bg.wasm` from the main module resolves to the module named `x_bg.wasm`
      ...readdirSync(s.dir)
        .filter((f) => f.endsWith('.wasm'))
        .map((f) => `(name = ${JSON.stringify(f)}, wasm = embed ${rel(join(s.dir, f))})`),
    ]
    const d = s.durableObject
    return `const ${s.name} :Workerd.Worker = (
  modules = [
    ${modules.join(',\n    ')},
  ],
  compatibilityDate = ${JSON.stringify(workerdCompatibilityDate())},
${
  d
    ? `  bindings = [ (name = ${JSON.stringify(d.binding)}, durableObjectNamespace = ${JSON.stringify(d.className)}) ],
  durableObjectNamespaces = [ (className = ${JSON.stringify(d.className)}, uniqueKey = ${JSON.stringify(`wasm-recovery-test-${s.name}`)}) ],
  durableObjectStorage = (inMemory = void),
`
    : ''
});`
  }
  const text = `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    ${services.map((s) => `(name = ${JSON.stringify(s.name)}, worker = .${s.name})`).join(',\n    ')},
  ],
  sockets = [
    ${services.map((s) => `(name = ${JSON.stringify(s.name)}, address = "127.0.0.1:${s.port}", http = (), service = ${JSON.stringify(s.name)})`).join(',\n    ')},
  ],
);

${services.map(worker).join('\n\n')}
`
  writeFileSync(file, text)
  return file
}

export interface Workerd {
  pid: number
  /** Everything workerd printed so far (stdout and stderr). */
  logs(): string
  exited(): boolean
  stop(): Promise<void>
}

const running = new Set<ChildProcess>()
process.once('exit', () => {
  for (const c of running) if (c.exitCode === null && c.signalCode === null && c.pid) process.kill(c.pid, 'SIGKILL')
})

/**
 * Starts `workerd serve <config>` and waits (bounded) until every `readyUrls` answers.
 * `socketAddrs` overrides sockets' addresses (`--socket-addr name=host:port`).
 */
export async function startWorkerd(o: {
  config: string
  cwd: string
  readyUrls: string[]
  socketAddrs?: Record<string, string>
  timeoutMs?: number
}): Promise<Workerd> {
  // nothing here needs `--experimental` (Durable Objects with in-memory storage included)
  const args = ['serve', o.config]
  for (const [name, addr] of Object.entries(o.socketAddrs ?? {})) args.push('--socket-addr', `${name}=${addr}`)
  const child = spawn(workerdBinary(), args, { cwd: o.cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  running.add(child)
  let out = ''
  const keep = (b: Buffer) => {
    out += b.toString()
    if (out.length > 4_000_000) out = out.slice(-2_000_000)
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const exit = new Promise<void>((r) => child.once('exit', () => r()))
  const w: Workerd = {
    pid: child.pid!,
    logs: () => out,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    async stop() {
      running.delete(child)
      if (w.exited()) return
      process.kill(w.pid, 'SIGTERM')
      const killed = await Promise.race([exit.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 3000))])
      if (!killed && !w.exited()) {
        process.kill(w.pid, 'SIGKILL')
        await exit
      }
    },
  }
  const deadline = Date.now() + (o.timeoutMs ?? 30_000)
  for (const url of o.readyUrls) {
    for (;;) {
      if (w.exited()) throw new Error(`workerd exited before it served ${url}:\n${out}`)
      const r = await request(url, 1000)
      if (r.status !== undefined) break
      if (Date.now() > deadline) {
        await w.stop()
        throw new Error(`workerd did not answer ${url} in time:\n${out}`)
      }
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  return w
}

export interface Outcome {
  status?: number
  /** The parsed JSON body (or the text when it is not JSON). */
  body?: any
  /** Client-side latency, request sent → body read. */
  ms: number
  /** No answer within the timeout. */
  hung: boolean
  /** A network error (connection refused, reset, …). */
  error?: string
}

/** One bounded request: fetch with AbortSignal.timeout, body read inside the same bound. */
export async function request(url: string, timeoutMs = 10_000): Promise<Outcome> {
  const t0 = performance.now()
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) })
    const text = await res.text()
    let body: any = text
    try {
      body = JSON.parse(text)
    } catch {
      // not JSON
    }
    return { status: res.status, body, ms: performance.now() - t0, hung: false }
  } catch (e: any) {
    const hung = e?.name === 'TimeoutError' || e?.cause?.name === 'TimeoutError'
    return { ms: performance.now() - t0, hung, error: hung ? undefined : String(e?.cause?.message ?? e?.message ?? e) }
  }
}
