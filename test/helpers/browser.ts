// Browser tests: the playground (playground/) served by Vite, driven in Debian's Chromium through
// playwright-core. No browser is ever downloaded: scripts/chromium.sh installs the system package when
// /usr/bin/chromium is missing.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const PLAYGROUND = join(ROOT, 'playground')
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Debian's chromium, installed by scripts/chromium.sh when missing (idempotent). */
export function ensureChromium(): string {
  if (!existsSync(CHROMIUM)) execFileSync('bash', [join(ROOT, 'scripts/chromium.sh')], { stdio: 'inherit' })
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing and scripts/chromium.sh could not install it`)
  return CHROMIUM
}

export interface Browser {
  context: BrowserContext
  close(): Promise<void>
}

/** A fresh profile (its own --user-data-dir) for each launch. */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core')
  const profile = mkdtempSync(join(tmpdir(), 'wr-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: ensureChromium(),
    headless: true,
    args: ARGS,
    viewport: { width: 1440, height: 1000 },
  })
  return {
    context,
    async close() {
      await context.close().catch(() => {})
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

export interface Served {
  url: string
  close(): Promise<void>
}

/**
 * The playground on 127.0.0.1 at a free port: `dev` is Vite's dev server (createServer), `preview`
 * a production build (build into a temporary folder, then `preview`).
 */
export async function servePlayground(kind: 'dev' | 'preview'): Promise<Served> {
  const vite = await import('vite')
  const base = { root: PLAYGROUND, configFile: join(PLAYGROUND, 'vite.config.ts'), logLevel: 'warn' as const, clearScreen: false }
  if (kind === 'dev') {
    const server = await vite.createServer({ ...base, server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false } })
    await server.listen()
    const addr = server.httpServer!.address()
    if (!addr || typeof addr === 'string') throw new Error('dev server has no port')
    return { url: `http://127.0.0.1:${addr.port}/`, close: () => server.close() }
  }
  const outDir = mkdtempSync(join(tmpdir(), 'wr-playground-dist-'))
  await vite.build({ ...base, build: { outDir, emptyOutDir: true } })
  const server = await vite.preview({ ...base, build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } })
  const addr = server.httpServer.address()
  if (!addr || typeof addr === 'string') throw new Error('preview server has no port')
  return {
    url: `http://127.0.0.1:${addr.port}/`,
    async close() {
      await server.close()
      rmSync(outDir, { recursive: true, force: true })
    },
  }
}

export interface Watched {
  page: Page
  /** Uncaught errors (page 'pageerror'). */
  pageErrors: string[]
  /** console.error messages. */
  consoleErrors: string[]
  /** Every console message, for failure reports. */
  console: string[]
}

/** A page whose uncaught errors and console errors are collected. */
export async function openPage(context: BrowserContext): Promise<Watched> {
  const page = await context.newPage()
  const w: Watched = { page, pageErrors: [], consoleErrors: [], console: [] }
  page.on('pageerror', (e) => w.pageErrors.push(`${e.name}: ${e.message}`))
  page.on('console', (m: ConsoleMessage) => {
    const text = m.text()
    w.console.push(`${m.type()}: ${text}`)
    if (m.type() === 'error') w.consoleErrors.push(text)
  })
  page.on('worker', (worker) => {
    worker.on('console', (m: ConsoleMessage) => {
      const text = m.text()
      w.console.push(`worker ${m.type()}: ${text}`)
      if (m.type() === 'error') w.consoleErrors.push(text)
    })
  })
  return w
}
