// examples/workers as a Workers developer runs it: a copy of the example inside test/.out (its packages
// resolve from test/node_modules), driven by the wrangler the project pins (test/package.json), local
// only: `wrangler dev --local` on 127.0.0.1, no login, no metrics, no Request.cf fetch, no update check.
import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { OUT_DIR, TEST_DIR } from './bundle.js'
import { EXAMPLE_DIR, freePort, request } from './workerd.js'

export const WRANGLER_OUT = join(OUT_DIR, 'wrangler')

/** The pinned wrangler's CLI script and version. */
export function wranglerCli(): { script: string; version: string } {
  const req = createRequire(join(TEST_DIR, 'package.json'))
  const pkg = req.resolve('wrangler/package.json')
  return { script: join(pkg, '..', 'bin', 'wrangler.js'), version: JSON.parse(readFileSync(pkg, 'utf8')).version }
}

/**
 * A fresh copy of the example (src, build.mjs, check-bundle.mjs, package.json, wrangler.toml) under test/.out/wrangler/<name>.
 * `buildArgs`: appended to the example's `[build] command` (e.g. `--policy=rollback`).
 */
export function copyExample(name: string, buildArgs = ''): string {
  const dir = join(WRANGLER_OUT, name)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  for (const f of ['src', 'build.mjs', 'check-bundle.mjs', 'package.json', 'wrangler.toml']) cpSync(join(EXAMPLE_DIR, f), join(dir, f), { recursive: true })
  if (buildArgs) {
    const toml = readFileSync(join(dir, 'wrangler.toml'), 'utf8')
    const line = 'command = "node build.mjs"'
    if (!toml.includes(line)) throw new Error(`examples/workers/wrangler.toml has no \`${line}\``)
    writeFileSync(join(dir, 'wrangler.toml'), toml.replace(line, `command = "node build.mjs ${buildArgs}"`))
  }
  return dir
}

/** What wrangler needs to stay local: its config under the copy, nothing sent anywhere. */
function env(dir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    XDG_CONFIG_HOME: join(dir, '.config'),
    WRANGLER_SEND_METRICS: 'false',
    WRANGLER_SEND_ERROR_REPORTS: 'false',
    // the banner is what asks the registry for a newer wrangler
    WRANGLER_HIDE_BANNER: 'true',
    // miniflare would fetch the `Request.cf` object from workers.cloudflare.com
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    CI: 'true',
  }
}

export interface Run {
  code: number | null
  out: string
}

/** `wrangler <args>` to its end (bounded). */
export function wrangler(dir: string, args: string[], timeoutMs = 120_000): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [wranglerCli().script, ...args], { cwd: dir, env: env(dir), stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    let out = ''
    child.stdout!.on('data', (b) => (out += b))
    child.stderr!.on('data', (b) => (out += b))
    const timer = setTimeout(() => kill(child), timeoutMs)
    child.once('exit', (code) => {
      clearTimeout(timer)
      done({ code, out })
    })
  })
}

export interface WranglerDev {
  base: string
  logs(): string
  stop(): Promise<void>
}

const running = new Set<ChildProcess>()
process.once('exit', () => {
  for (const c of running) kill(c, 'SIGKILL')
})

/** The process group wrangler leads (it starts workerd under it): ours, ended by its id. */
function kill(c: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (c.pid === undefined || c.exitCode !== null || c.signalCode !== null) return
  try {
    process.kill(-c.pid, signal)
  } catch {
    // gone already
  }
}

/** `wrangler dev --local` on a free port of 127.0.0.1, with fresh local storage; resolves once it answers. */
export async function wranglerDev(dir: string, timeoutMs = 120_000): Promise<WranglerDev> {
  const [port, inspector] = [await freePort(), await freePort()]
  const state = join(dir, '.state')
  rmSync(state, { recursive: true, force: true })
  const args = ['dev', '--local', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspector), '--persist-to', state, '--log-level', 'log']
  const child = spawn(process.execPath, [wranglerCli().script, ...args], { cwd: dir, env: env(dir), stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  running.add(child)
  let out = ''
  child.stdout!.on('data', (b) => (out += b))
  child.stderr!.on('data', (b) => (out += b))
  const exit = new Promise<void>((r) => child.once('exit', () => r()))
  const exited = () => child.exitCode !== null || child.signalCode !== null
  const dev: WranglerDev = {
    base: `http://127.0.0.1:${port}`,
    logs: () => out,
    async stop() {
      running.delete(child)
      kill(child)
      const ended = await Promise.race([exit.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5000))])
      if (!ended) {
        kill(child, 'SIGKILL')
        await exit
      }
    },
  }
  const deadline = Date.now() + timeoutMs
  // ready: wrangler says so, and its second custom build (when its watcher is ready) has finished, so
  // no reload comes in the middle of a test
  const builds = () => (out.match(/\[custom build\] (built dist|dist\/ is up to date)/g) ?? []).length
  while (!/Ready on http:\/\/127\.0\.0\.1/.test(out) || builds() < 2 || (await request(dev.base + '/', 2000)).status !== 200) {
    if (exited()) throw new Error(`wrangler dev exited before it served ${dev.base}:\n${out}`)
    if (Date.now() > deadline) {
      await dev.stop()
      throw new Error(`wrangler dev did not answer ${dev.base} in time:\n${out}`)
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  return dev
}
