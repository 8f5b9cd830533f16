// Browser figures: the page from browser-page.mjs in Debian's Chromium (playwright-core).
import { createServer } from 'node:http'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as esbuild from 'esbuild'
import wasmRecovery from '@wasm-recovery/esbuild'
import { chromium } from 'playwright-core'

export async function browserFigures(fixtureWebDir) {
  const dir = mkdtempSync(join(tmpdir(), 'wr-bench-'))
  const glue = join(fixtureWebDir, 'wr_fixture.js')
  const copy = join(dir, 'raw-glue.js')
  const guardCopy = join(dir, 'guard-glue.js')
  // the raw glue as its own module (the plugin leaves files outside `include` alone), and one more for the floor
  writeFileSync(copy, readFileSync(glue))
  writeFileSync(guardCopy, readFileSync(glue))
  await esbuild.build({
    entryPoints: [new URL('./browser-page.mjs', import.meta.url).pathname],
    bundle: true, format: 'esm', platform: 'browser', outfile: join(dir, 'page.js'), logLevel: 'error',
    alias: { 'wrapped-glue': glue, 'raw-glue': copy, 'guard-glue': guardCopy },
    plugins: [wasmRecovery({ wasm: 'inline', include: [/abort[\\/]web[\\/]wr_fixture\.js$/] })],
  })
  writeFileSync(join(dir, 'raw.wasm'), readFileSync(join(fixtureWebDir, 'wr_fixture_bg.wasm')))
  writeFileSync(join(dir, 'index.html'), '<script type="module" src="/page.js"></script>')
  const types = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' }
  const server = createServer((req, res) => {
    const file = join(dir, req.url === '/' ? 'index.html' : req.url.slice(1))
    if (!existsSync(file)) return void res.writeHead(404).end()
    res.setHeader('content-type', types[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream')
    res.end(readFileSync(file))
  })
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  try {
    const page = await browser.newPage()
    await page.goto(`http://127.0.0.1:${server.address().port}/`)
    await page.waitForFunction(() => window.__result, null, { timeout: 300_000 })
    return { ...(await page.evaluate(() => window.__result)), version: browser.version() }
  } finally {
    await browser.close()
    server.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
