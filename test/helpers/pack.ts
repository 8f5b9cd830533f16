// Fresh apps outside the workspace that install the packed tarballs with plain npm, as a user does
// before the packages are published: test/pack.test.ts. Nothing here reaches into the workspace's
// node_modules: each app gets its own, from the npm registry (or npm's cache) and the tarballs.
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const run = promisify(execFile)

/** The environment of a user's shell: none of the workspace's npm_* settings leak into the apps. */
export function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_|^PNPM_|^VITEST|^NODE_OPTIONS$/i.test(k)) env[k] = v
  return { ...env, CI: 'true', NO_COLOR: '1', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' }
}

export interface Tarball {
  file: string
  name: string
  version: string
  manifest: Record<string, any>
}

/** `npm run pack` (scripts/pack.mjs) into a scratch folder; the packages are already built by the bootstrap. */
export async function packAll(dest: string): Promise<Tarball[]> {
  const { stdout } = await run(process.execPath, [join(ROOT, 'scripts/pack.mjs'), dest], { cwd: ROOT, env: { ...process.env, WR_PACK_NO_BUILD: '1' }, maxBuffer: 16 << 20 })
  return stdout
    .split('\n')
    .filter((l) => l.endsWith('.tgz'))
    .map((file) => {
      const manifest = JSON.parse(tarRead(file, 'package/package.json'))
      return { file, name: manifest.name, version: manifest.version, manifest }
    })
}

export const tarRead = (tgz: string, member: string): string => execFileSync('tar', ['-xzOf', tgz, member], { encoding: 'utf8', maxBuffer: 64 << 20 })

/** The tarballs an app needs for one adapter: it, and its @wasm-recovery/* dependencies. */
export function closure(tarballs: Tarball[], name: string): string[] {
  const by = new Map(tarballs.map((t) => [t.name, t]))
  const out = new Set<string>()
  const add = (n: string) => {
    const t = by.get(n)
    if (!t) throw new Error(`no tarball for ${n}`)
    if (out.has(t.file)) return
    out.add(t.file)
    for (const d of Object.keys(t.manifest.dependencies ?? {})) if (d.startsWith('@wasm-recovery/')) add(d)
  }
  add(name)
  return [...out]
}

/** A scratch folder under the system's temp dir, far from the workspace. */
export function scratch(prefix: string): string {
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)))
}

/** Plain `npm install` in the app; npm's cache first (the workspace install already fetched these). */
export async function npmInstall(dir: string, specs: string[]): Promise<void> {
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...specs], { cwd: dir, env: userEnv(), maxBuffer: 64 << 20 })
}

/** Runs a command in the app; resolves with its output whatever the exit code. */
export async function sh(dir: string, cmd: string, args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(cmd, args, { cwd: dir, env: userEnv(), maxBuffer: 64 << 20 })
    return { code: 0, out: stdout + stderr }
  } catch (e: any) {
    return { code: typeof e.code === 'number' ? e.code : 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}${e.message}` }
  }
}

/** Files under dir that contain any of the strings (build-machine paths). */
export function filesContaining(dir: string, needles: string[]): string[] {
  const hits: string[] = []
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e)
      if (statSync(p).isDirectory()) walk(p)
      else if (/\.(m?js|cjs|html|css|map)$/.test(e)) {
        const text = readFileSync(p, 'utf8')
        const n = needles.find((x) => text.includes(x))
        if (n) hits.push(`${p.slice(dir.length + 1)} holds ${n}`)
      }
    }
  }
  walk(dir)
  return hits
}

export function freePort(): Promise<number> {
  return new Promise((r) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as any).port
      s.close(() => r(port))
    })
  })
}

export interface Server {
  url: string
  output(): string
  stop(): Promise<void>
}

/** `vite` (dev) or `vite preview` in the app, in its own process group, until it answers. */
export async function startVite(dir: string, args: string[]): Promise<Server> {
  const port = await freePort()
  const child: ChildProcess = spawn(process.execPath, ['node_modules/vite/bin/vite.js', ...args, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: dir, env: userEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  const url = `http://127.0.0.1:${port}/`
  const stop = async () => {
    if (child.exitCode !== null) return
    const exited = new Promise((r) => child.once('exit', r))
    try {
      process.kill(-child.pid!, 'SIGTERM')
    } catch {}
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
  }
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`vite ${args.join(' ')} exited ${child.exitCode}: ${out}`)
    const ok = await fetch(url).then((r) => r.ok, () => false)
    if (ok) return { url, output: () => out, stop }
    await new Promise((r) => setTimeout(r, 250))
  }
  await stop()
  throw new Error(`vite ${args.join(' ')} did not answer on ${url} within 60 s: ${out}`)
}
