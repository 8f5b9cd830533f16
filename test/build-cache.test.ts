// Build time (issue 16, item 4): what the core remembers between builds in one process, and what it
// never parses. Internals are imported from the built core (they are not user API).
import { cpSync, mkdirSync, readFileSync, rmSync, utimesSync } from 'node:fs'
import { join } from 'node:path'
import { unplugin } from '@wasm-recovery/unplugin'
import { beforeAll, describe, expect, it } from 'vitest'
import { detectGlueCached, mayBeGlue } from '../packages/core/dist/detect/cache.js'
import { renderWasmChunk } from '../packages/core/dist/load/chunk.js'
import { rewriteGlueCached } from '../packages/core/dist/rewrite/cache.js'
import { OUT_DIR, TEST_DIR } from './helpers/bundle.js'
import { NODE_TARGETS, fixtureGlue } from './helpers/fixture.js'

const dir = join(OUT_DIR, 'build-cache')
const glue = join(dir, 'photon_rs_bg.js')
const wasm = join(dir, 'photon_rs_bg.wasm')

beforeAll(() => {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  // photon 0.3.11 is bundler-circular glue: the rewrite adds a setter to its export list
  const photon = join(TEST_DIR, 'node_modules', '@silvia-odwyer', 'photon')
  for (const f of ['photon_rs_bg.js', 'photon_rs_bg.wasm', 'photon_rs.js']) cpSync(join(photon, f), join(dir, f))
})

describe('detection cache (by module id and content hash)', () => {
  it('a second lookup of the same glue reuses the analysis, with an export list of its own', () => {
    const code = readFileSync(glue, 'utf8')
    const a = detectGlueCached(glue, code) as any
    const b = detectGlueCached(glue, code) as any
    expect(a).toMatchObject({ kind: 'glue', target: 'bundler-circular' })
    expect(b.parsed, 'the AST of the first lookup').toBe(a.parsed)
    expect(b.exports).not.toBe(a.exports)
    expect(b.exports).toEqual(a.exports)
  })

  it('changed code, or a changed .wasm beside it, is analysed afresh', () => {
    const code = readFileSync(glue, 'utf8')
    const a = detectGlueCached(glue, code) as any
    expect((detectGlueCached(glue, code + '\n// edited') as any).parsed).not.toBe(a.parsed)
    const later = new Date(Date.now() + 60_000)
    utimesSync(wasm, later, later)
    const c = detectGlueCached(glue, code) as any
    expect(c.parsed).not.toBe(a.parsed)
    expect((detectGlueCached(glue, code) as any).parsed).toBe(c.parsed)
  })

  it('rewriting the same glue in two builds gives the same output', () => {
    const code = readFileSync(glue, 'utf8')
    const run = () => {
      const plugin = unplugin.raw(undefined, { framework: 'rollup' } as any) as any
      return plugin.transform.handler.call({ warn() {}, emitFile: () => 'ref' }, code, glue)?.code
    }
    const first = run()
    expect(first).toContain('__wbr_set_wasm')
    expect(run()).toBe(first)
  })
})

describe('rewrite cache (by module id, content hash, .wasm stamp and options)', () => {
  const opts = {
    runtimeId: '@wasm-recovery/runtime/internal', source: 'undefined', policy: 'reinit', maxConsecutiveAborts: 20, moduleName: 'photon_rs',
    rollback: { checkpoint: 'call', maxMemory: 1, readOnly: [], escalateAfter: 2 }, mark: '/* wasm-recovery */', topLevelAwait: true,
  } as const
  it('a rebuild gets the first output without a new rewrite, with a source map of its own; a changed .wasm or option rewrites', () => {
    const code = readFileSync(glue, 'utf8') + '\n// rewrite-cache'
    const a = rewriteGlueCached(code, glue, detectGlueCached(glue, code) as any, opts as any)
    // what a fresh rewrite would print differently (an export list emptied): a hit does not rewrite
    const emptied = { ...(detectGlueCached(glue, code) as any), exports: [] }
    const b = rewriteGlueCached(code, glue, emptied, opts as any)
    expect(b.code).toBe(a.code)
    expect(b.map).not.toBe(a.map)
    expect(b.map.toString()).toBe(a.map.toString())
    expect(rewriteGlueCached(code, glue, emptied, { ...opts, policy: 'poison' } as any).code).not.toBe(a.code)
    const later = new Date(Date.now() + 120_000)
    utimesSync(wasm, later, later)
    expect(rewriteGlueCached(code, glue, emptied, opts as any).code).not.toBe(a.code)
  })
})

describe('string pre-check before any parse', () => {
  it.each(NODE_TARGETS)('the fixture glue of target %s passes it', (target) => {
    expect(mayBeGlue(readFileSync(fixtureGlue('abort', target), 'utf8'))).toBe(true)
  })

  it('an app module that only names wasm packages is not parsed', () => {
    const app = "import init from '@automerge/automerge-wasm/web/automerge_wasm.js'\nimport c from '@ironcalc/wasm/wasm.js'\nawait init()\n"
    expect(mayBeGlue(app)).toBe(false)
    expect(detectGlueCached('/app/main.js', app)).toBeUndefined()
  })
})

describe('rendered chunks', () => {
  const chunk = (ref: string) => `const __wbr = createSupervisor({});\n__wbr.start();\nconst url = "__WASM_RECOVERY_ASSET_${ref}__";\nexport { url };\n`
  const ctx = (files: Record<string, string>, sourcemap?: boolean) => ({ fileName: 'assets/index.js', format: 'es', fileOf: (r: string) => files[r], awaitStart: true, sourcemap })

  it('the same chunk with its assets numbered otherwise (another load order) gets its own URLs', () => {
    const files = { AAAA: 'assets/a.wasm', BBBB: 'assets/b.wasm' }
    const a = renderWasmChunk(chunk('AAAA'), ctx(files))!
    const b = renderWasmChunk(chunk('BBBB'), ctx(files))!
    expect(a.code).toContain('new URL("./a.wasm", import.meta.url).href')
    expect(b.code).toContain('new URL("./b.wasm", import.meta.url).href')
    expect(b.code).toContain('await __wbr.start()')
  })

  it('no source map is made for an output without source maps', () => {
    const files = { CCCC: 'assets/c.wasm' }
    expect(renderWasmChunk(chunk('CCCC'), ctx(files, false))!.map).toBeNull()
    expect(renderWasmChunk(chunk('CCCC'), ctx(files))!.map).toMatchObject({ mappings: expect.any(String) })
  })
})
