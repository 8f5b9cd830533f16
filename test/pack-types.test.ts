// The packed packages' types as a TypeScript user meets them: `npm run pack`'s tarballs installed with
// plain npm outside the workspace, with typescript, @types/node and the bundlers they declare as peers,
// then `tsc --noEmit` with `skipLibCheck: false` over files importing every public entry (ES, and the
// CommonJS form `import x = require(…)` of each adapter).
import { rmSync, writeFileSync } from 'node:fs'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT, npmInstall, packAll, scratch, sh, type Tarball } from './helpers/pack.js'

const PIN: Record<string, string> = JSON.parse(readFileSync(join(ROOT, 'test/package.json'), 'utf8')).devDependencies
const ADAPTERS = ['@wasm-recovery/esbuild', '@wasm-recovery/node', '@wasm-recovery/rollup', '@wasm-recovery/rspack', '@wasm-recovery/vite', '@wasm-recovery/webpack']

let base: string
let tarballs: Tarball[]

/** Every public entry of every tarball: its exports keys, as import specifiers. */
function entries(): string[] {
  return tarballs.flatMap((t) => Object.keys(t.manifest.exports).filter((k) => !k.endsWith('.json')).map((k) => (k === '.' ? t.name : `${t.name}/${k.slice(2)}`)))
}

function esmCheck(specs: string[]): string {
  const lines = specs.map((s, i) => `import * as ns${i} from '${s}'`)
  const adapters = ADAPTERS.map((a, i) => `import adapter${i}, { wasmRecovery as named${i} } from '${a}'`)
  return [
    ...lines,
    ...adapters,
    `import { WasmAbortError, WasmStaleObjectError, WasmUnavailableError, onRecovery, recoveryStats, resetModule, type RecoveryEvent } from '@wasm-recovery/vite/runtime'`,
    `export const used: unknown[] = [${specs.map((_, i) => `ns${i}`).join(', ')}, ${ADAPTERS.map((_, i) => `adapter${i}(), named${i}({ policy: 'reinit' })`).join(', ')}]`,
    `const off: () => void = onRecovery((e: RecoveryEvent) => { const t: string = e.type; const m: string = e.module; void t; void m })`,
    'off()',
    'export const stats = recoveryStats()',
    `export const reset: Promise<unknown> = resetModule('photon_rs')`,
    'export function classify(e: unknown): string {',
    '  if (e instanceof WasmAbortError) return `${e.name} ${e.module} ${e.generation}`',
    '  if (e instanceof WasmStaleObjectError) return `${e.name} ${e.module}`',
    '  if (e instanceof WasmUnavailableError) return `${e.name} ${e.reason}`',
    `  return 'other'`,
    '}',
    '',
  ].join('\n')
}

// the CommonJS form a .cts file (or a CommonJS config in TypeScript) uses: require() gives the plugin
function cjsCheck(): string {
  const lines = ADAPTERS.map((a, i) => `import adapter${i} = require('${a}')`)
  return [...lines, `import runtime = require('@wasm-recovery/runtime')`, `export const used: unknown[] = [${ADAPTERS.map((_, i) => `adapter${i}(), adapter${i}.wasmRecovery()`).join(', ')}, runtime.WasmAbortError]`, ''].join('\n')
}

async function tsc(dir: string, files: string[], module: 'ESNext' | 'NodeNext'): Promise<string[]> {
  const compilerOptions = { strict: true, target: 'ES2022', module, moduleResolution: module === 'ESNext' ? 'Bundler' : 'NodeNext', noEmit: true, skipLibCheck: false, lib: ['ES2023', 'DOM'], types: ['node'] }
  const config = `tsconfig.${files[0]}.json`
  writeFileSync(join(dir, config), JSON.stringify({ compilerOptions, files }, null, 2))
  const r = await sh(dir, process.execPath, ['node_modules/typescript/bin/tsc', '-p', config, '--pretty', 'false'])
  return r.out.split('\n').filter((l) => /error TS\d+/.test(l))
}

beforeAll(async () => {
  base = scratch('wr-pack-types-')
  tarballs = await packAll(join(base, 'tarballs'))
  writeFileSync(join(base, 'package.json'), JSON.stringify({ name: 'types-app', version: '1.0.0', private: true, type: 'module' }))
  const peers = new Set(tarballs.flatMap((t) => Object.keys(t.manifest.peerDependencies ?? {})))
  expect([...peers].every((p) => PIN[p]), `a pinned version for every peer: ${[...peers]}`).toBe(true)
  await npmInstall(base, [...tarballs.map((t) => t.file), `typescript@${PIN.typescript ?? '5.9.3'}`, `@types/node@${PIN['@types/node']}`, ...[...peers].map((p) => `${p}@${PIN[p]}`)])
}, 300_000)
afterAll(() => {
  if (base) rmSync(base, { recursive: true, force: true })
})

describe('types of the packed packages (skipLibCheck: false)', () => {
  it('every public entry but the core main entry, and each adapter default + named: 0 errors', async () => {
    const specs = entries().filter((s) => s !== '@wasm-recovery/unplugin')
    expect(specs.length).toBeGreaterThan(15)
    writeFileSync(join(base, 'entries.ts'), esmCheck(specs))
    expect(await tsc(base, ['entries.ts'], 'ESNext')).toEqual([])
  }, 120_000)

  it('the core main entry (the unplugin instance): no error in our files; unplugin ships its other hosts\' types unresolved', async () => {
    writeFileSync(join(base, 'core.ts'), `import * as core from '@wasm-recovery/unplugin'\nexport const used: unknown[] = [core.unplugin, core.transformModule, core.detectGlue]\n`)
    const errors = await tsc(base, ['core.ts'], 'ESNext')
    expect(errors.filter((e) => !e.startsWith('node_modules/unplugin/'))).toEqual([])
    // if unplugin ever fixes this, the README's note on it can go
    for (const e of errors) expect(e).toMatch(/TS2307: Cannot find module '(@farmfe\/core|@rsbuild\/core|bun|unloader)'/)
  }, 120_000)

  it('CommonJS: `import x = require(adapter)` is the plugin function, under NodeNext', async () => {
    writeFileSync(join(base, 'cjs.cts'), cjsCheck())
    expect(await tsc(base, ['cjs.cts'], 'NodeNext')).toEqual([])
  }, 120_000)
})
