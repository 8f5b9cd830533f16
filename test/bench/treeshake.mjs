// Which of a glue's exports a bundle still carries. A wasm-bindgen export's wrapper is known by the wasm
// exports it calls (`wasm.crop(…)` in `crop`); minifiers keep property names, so a wrapper that survived
// tree-shaking leaves those names as member accesses in the bundle. Read from ASTs (Rollup's parser), not
// by searching the text: a table of names as strings is no wrapper, and a comment is no call.
import { readdirSync, readFileSync } from 'node:fs'
import { parseAst } from 'rollup/parseAst'

const RUNTIME_DIST = new URL('../../packages/runtime/dist/', import.meta.url)
let runtimeNames
/** Property names the runtime itself reads (`.filter`, `.run`): in a bundle with it they tell no wrapper apart. */
function runtimeMembers() {
  if (runtimeNames) return runtimeNames
  runtimeNames = new Set()
  for (const f of readdirSync(RUNTIME_DIST)) if (f.endsWith('.js')) memberNames(parseAst(readFileSync(new URL(f, RUNTIME_DIST), 'utf8')), runtimeNames)
  return runtimeNames
}

function walk(node, visit) {
  if (!node || typeof node.type !== 'string') return
  visit(node)
  for (const key in node) {
    const v = node[key]
    if (Array.isArray(v)) for (const c of v) walk(c, visit)
    else if (v && typeof v === 'object' && key !== 'loc') walk(v, visit)
  }
}

/** Property names read as `x.name` or `x['name']` anywhere under `node`. */
function memberNames(node, into = new Set()) {
  walk(node, (n) => {
    if (n.type !== 'MemberExpression') return
    if (!n.computed && n.property.type === 'Identifier') into.add(n.property.name)
    else if (n.computed && n.property.type === 'Literal' && typeof n.property.value === 'string') into.add(n.property.value)
  })
  return into
}

/**
 * For each export of bundler-target glue (`*_bg.js`, `import * as wasm`), the wasm exports only its own
 * body calls: the names that identify its wrapper. Exports the wasm imports (`__wbg_*`, `__wbindgen_*`)
 * and those without a call of their own are left out (nothing tells them apart).
 * `imported`: the export names the app imports.
 */
export function wrapperSignatures(glueFile, imported) {
  const ast = parseAst(readFileSync(glueFile, 'utf8'))
  const wasm = ast.body.find((s) => s.type === 'ImportDeclaration' && /\.wasm$/.test(s.source.value))
  const ns = wasm?.specifiers.find((s) => s.type === 'ImportNamespaceSpecifier')?.local.name
  if (!ns) throw new Error(`${glueFile}: no \`import * as wasm from '….wasm'\` (not bundler-target glue)`)
  const calls = (node) => {
    const names = new Set()
    walk(node, (n) => {
      if (n.type === 'MemberExpression' && n.object.type === 'Identifier' && n.object.name === ns && !n.computed) names.add(n.property.name)
    })
    return names
  }
  const exported = new Map()
  // names read elsewhere (by helpers, by what the app imports, as a JS API such as `ctx.putImageData`, by
  // the runtime): kept either way, so they identify no wrapper
  const shared = new Set(runtimeMembers())
  for (const s of ast.body) {
    const d = s.type === 'ExportNamedDeclaration' ? s.declaration : undefined
    const name = d?.id?.name
    if (name && (d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && !/^__w/.test(name) && !imported.includes(name)) {
      exported.set(name, calls(d))
    } else {
      memberNames(s, shared)
    }
  }
  const out = new Map()
  for (const [name, names] of exported) {
    const own = [...names].filter((n) => !shared.has(n))
    if (own.length) out.set(name, own)
  }
  return out
}

/** The unimported exports whose wrapper the bundle still carries, out of those that can be told apart. */
export function keptWrappers(glueFile, imported, bundleCode) {
  const signatures = wrapperSignatures(glueFile, imported)
  const present = memberNames(parseAst(bundleCode))
  const kept = [...signatures].filter(([, names]) => names.some((n) => present.has(n))).map(([name]) => name)
  return { kept, checked: signatures.size }
}
