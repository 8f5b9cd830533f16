import { existsSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { propertyKey, stringValue, walk, type Node, type Parsed } from './ast.js'
import { fileOfId } from './id.js'
import { readWasm, readWasmFile } from './wasm.js'

/** A wasm made by wasm-bindgen that a module loads in a way the plugin did not recognise. */
export interface Unprotected {
  /** The .wasm file, `inline` for a base64 literal, or what the import object shows. */
  wasm: string
  /** Unknown when only the import object tells (compressed or fetched bytes). */
  bindgenVersion?: string
}

const WASM_NAME = /\.wasm(\?.*)?$/

/**
 * Silence is a defect: a module that is neither glue nor a loader we handle, but names a `.wasm` made by
 * wasm-bindgen (an import, `new URL('x.wasm', …)`, a path string) or inlines one as base64 (`AGFzbQ…`),
 * and instantiates it itself, e.g. a hand-written bridge calling `WebAssembly.instantiate(bytes, { wbg })`, is reported.
 */
export function unprotectedWasm(id: string, parsed: Parsed, code: string): Unprotected | undefined {
  // only a module that instantiates it itself: an app handing bytes or a URL to a package's init() does not
  if (!/WebAssembly\s*\.\s*(instantiate|instantiateStreaming|Instance)\b/.test(code)) return undefined
  if (!code.includes('.wasm') && !code.includes('AGFzbQ')) return bindgenImports(parsed.program)
  const dir = dirname(fileOfId(id))
  let found: Unprotected | undefined
  const check = (n: Node) => {
    const v = stringValue(n)
    if (found || !v) return
    if (v.startsWith('AGFzbQ') && v.length > 64) {
      const info = readWasm(Buffer.from(v, 'base64'))
      if (info?.bindgenVersion) found = { wasm: 'inline', bindgenVersion: info.bindgenVersion }
    } else if (WASM_NAME.test(v) && !v.includes('\n') && v.length < 500) {
      const file = resolve(dir, v.replace(/\?.*$/, ''))
      const info = existsSync(file) ? readWasmFile(file) : undefined
      if (info?.bindgenVersion) found = { wasm: basename(file), bindgenVersion: info.bindgenVersion }
    }
  }
  walk(parsed.program, { Literal: check, TemplateLiteral: check })
  return found ?? bindgenImports(parsed.program)
}

/** wasm-bindgen's own import module names: what a hand-written bridge over compressed bytes still shows (@polkadot/wasm-bridge's `{ wbg }`). */
const BINDGEN_MODULES = new Set(['wbg', '__wbindgen_placeholder__'])

function bindgenImports(program: Node): Unprotected | undefined {
  let found: Unprotected | undefined
  const check = (n: Node) => {
    const imports = n.arguments?.[1]
    // `WebAssembly.instantiate(bytes, { wbg })`, also reached through `globalThis.WebAssembly`
    if (found || imports?.type !== 'ObjectExpression' || n.callee.type !== 'MemberExpression') return
    if (!/^(instantiate|instantiateStreaming|Instance)$/.test(n.callee.property.name ?? '')) return
    const key = imports.properties.map(propertyKey).find((k: string | undefined) => k !== undefined && BINDGEN_MODULES.has(k))
    if (key) found = { wasm: `a wasm-bindgen module (imports "${key}")` }
  }
  walk(program, { CallExpression: check, NewExpression: check })
  return found
}
