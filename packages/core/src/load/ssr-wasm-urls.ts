// A package's own loader that reads its .wasm by `new URL('../pkg/x_bg.wasm', import.meta.url)`
// (@takumi-rs/wasm's `node` entry: `readFileSync(new URL(…))`). Vite bundles wasm-bindgen packages in SSR
// builds for the plugin (`ssr.noExternal`), but emits no asset for such a URL there: the bundle would
// read a file beside itself that is not there. The URL becomes the emitted .wasm's.
import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { MagicString } from 'magic-string' // named: the CommonJS build require()s this ES-only package
import { parse, walk, wasmUrlSpec, type Node } from '../detect/ast.js'
import { fileOfId } from '../detect/id.js'
import { URL_QUERY } from './wasm-module.js'

/** `new URL('<file>.wasm', import.meta.url)` of an existing file: rewritten to the emitted file's URL; null when none. */
export function rewriteWasmUrls(code: string, id: string): { code: string; map: ReturnType<MagicString['generateMap']> } | null {
  if (!code.includes('import.meta.url') || !/\.wasm\b/.test(code)) return null
  const parsed = parse(id, code)
  if (!parsed?.esm) return null
  const sites: { node: Node; file: string }[] = []
  walk(parsed.program, {
    NewExpression: (n) => {
      const base = n.arguments[1]
      const rel = base && isImportMetaUrl(base) ? wasmUrlSpec(n) : undefined
      if (rel === undefined || /^[a-z][a-z\d+.-]*:/i.test(rel)) return
      const file = resolve(dirname(fileOfId(id)), rel)
      if (existsSync(file)) sites.push({ node: n, file })
    },
  })
  if (!sites.length) return null
  const s = new MagicString(code)
  const files = [...new Set(sites.map((x) => x.file))]
  s.prepend(files.map((f, i) => `import __wbr_ssr_wasm_${i} from ${JSON.stringify(f + URL_QUERY)};\n`).join(''))
  for (const { node, file } of sites) s.overwrite(node.start, node.end, `new URL(__wbr_ssr_wasm_${files.indexOf(file)})`)
  return { code: s.toString(), map: s.generateMap({ source: id, includeContent: true, hires: true }) }
}

function isImportMetaUrl(n: Node): boolean {
  return n.type === 'MemberExpression' && !n.computed && n.property.name === 'url' && n.object.type === 'MetaProperty'
}
