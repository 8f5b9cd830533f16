import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { DiagnosticCode } from '../diagnostics.js'
import { isMember, isNestedCode, stringValue, walk, type Node, type Parsed } from './ast.js'
import { fileOfId } from './id.js'
import { instantiates, lazyLoader } from './lazy-loader.js'
import { Scopes } from './scope.js'

/**
 * A package's own loader over bundler-target glue (tiktoken's `tiktoken.cjs`): it reads `x_bg.wasm`
 * itself (`fs` + `__dirname`, or `new URL(…, import.meta.url)`), instantiates it with the glue as import
 * module and calls `__wbg_set_wasm`. The rewritten glue loads its own wasm, so the loader's reading and
 * instantiating go: what remains (the require of the glue, the re-exports) no longer needs the package's
 * folder at run time.
 */
export interface Loader {
  kind: 'loader'
  bgFile: string
  remove: Node[]
  /** The `require('./x_bg.js')` calls that stay (where Node runs the loader itself, they become an import). */
  requires: Node[]
  /** Expressions that become `undefined` (a lazy loader's default wasm URL, see lazy-loader.ts). */
  voids?: Node[]
}

export interface LoaderSkip {
  kind: 'skip'
  code: DiagnosticCode
  message: string
}

const JS = /\.(c|m)?js$/

function instantiation(n: Node): boolean {
  if (n.type === 'NewExpression') return isMember(n.callee, 'WebAssembly', 'Instance')
  return n.type === 'CallExpression' && (isMember(n.callee, 'WebAssembly', 'instantiate') || isMember(n.callee, 'WebAssembly', 'instantiateStreaming'))
}

/** The relative JS module a statement requires or imports, if any. */
function requiredModule(s: Node): string | undefined {
  if (s.type === 'ImportDeclaration') return JS.test(s.source.value) && s.source.value.startsWith('.') ? s.source.value : undefined
  let found: string | undefined
  walk(s, {
    CallExpression: (n) => {
      const a = n.arguments[0]
      const v = a && stringValue(a)
      if (n.callee.type === 'Identifier' && n.callee.name === 'require' && v?.startsWith('.') && JS.test(v)) found ??= v
    },
  })
  return found
}

export function detectLoader(id: string, parsed: Parsed, code: string): Loader | LoaderSkip | undefined {
  // the wasm may be a file it reads or bytes it inlines: what marks a loader is the glue it hands them to
  if (!/__wbg_set_wasm|_bg\.js/.test(code)) return undefined
  const body: Node[] = parsed.program.body
  // (an exported function's instantiation runs when the app calls it: a lazy loader's, see lazy-loader.ts)
  const inst = body.find((s) => !isNestedCode(s) && !(s.declaration && isNestedCode(s.declaration)) && instantiates(s, instantiation))
  const bgSpec = body.map(requiredModule).find((m) => m && /_bg(\.(c|m)?js)?$/.test(m))
  if (!bgSpec) return undefined
  const bgFile = resolve(dirname(fileOfId(id)), bgSpec)
  if (!existsSync(bgFile)) return undefined
  const scopes = new Scopes(parsed)
  if (!inst) {
    // the instantiation inside functions the package's init calls (see lazy-loader.ts)
    const lazy = lazyLoader(body, scopes, instantiation)
    return lazy && { kind: 'loader', bgFile, remove: lazy.remove, voids: lazy.voids, requires: glueRequires(body, new Set(lazy.remove), bgSpec) }
  }

  // a backward slice from the instantiation, by scope: every binding it reads (module, bytes, path,
  // imports…), the statements that declare, fill or check them, and what those read in turn — never
  // the glue itself (its require/import stays: the re-exports read it)
  const top = (ref: Node) => body.find((s) => s.start <= ref.start && ref.end <= s.end)
  const decls = (s: Node): Node[] => {
    const d = s.type.startsWith('Export') && s.declaration ? s.declaration : s
    if (d.type === 'VariableDeclaration') return d.declarations
    return d.type === 'FunctionDeclaration' && d.id ? [d] : []
  }
  const glue = new Set(body.filter((s) => requiredModule(s) === bgSpec).flatMap(decls))
  // names picked out of the glue's namespace (ruff_fmt: `const { __wbg_set_wasm, format, ...wasmImport } = import_bg`)
  // are the glue's too: the exports they also declare keep that statement
  const glueNames = new Set([...glue].flatMap((d) => (d.id?.type === 'Identifier' ? [d.id.name] : [])))
  for (const st of body) if (st.type === 'ImportDeclaration' && st.source.value === bgSpec) for (const sp of st.specifiers) glueNames.add(sp.local.name)
  for (const st of body) for (const d of decls(st)) if (d.init?.type === 'Identifier' && glueNames.has(d.init.name)) glue.add(d)
  const usedBy = new Map<Node, Set<Node>>() // statement → the top-level declarators it refers to
  const users = new Map<Node, Set<Node>>() // declarator → the statements that refer to it
  for (const st of body)
    for (const d of decls(st))
      for (const r of scopes.references(d)) {
        const t = top(r)
        if (!t) continue
        ;(usedBy.get(t) ?? usedBy.set(t, new Set()).get(t)!).add(d)
        ;(users.get(d) ?? users.set(d, new Set()).get(d)!).add(t)
      }
  const declaredIn = new Map<Node, Node>()
  for (const st of body) for (const d of decls(st)) declaredIn.set(d, st)
  const removed = new Set<Node>()
  const work: Node[] = [inst]
  while (work.length) {
    const st = work.pop()!
    if (removed.has(st)) continue
    if (st.type === 'ImportDeclaration' || (st.type === 'ExpressionStatement' && isExport(st.expression)) || st.type.startsWith('Export'))
      return { kind: 'skip', code: 'WASM_RECOVERY_UNKNOWN_SHAPE', message: `the package's loader is used by its exports (${code.slice(st.start, Math.min(st.end, st.start + 80))})` }
    removed.add(st)
    for (const d of [...(usedBy.get(st) ?? []), ...decls(st)]) {
      if (glue.has(d)) continue
      const at = declaredIn.get(d)
      if (at) work.push(at)
      for (const u of users.get(d) ?? []) work.push(u)
    }
  }
  // the hand-over (`bg.__wbg_set_wasm(instance.exports)`) went with the instance; one naming only the glue stays a no-op
  return { kind: 'loader', bgFile, remove: body.filter((s) => removed.has(s)), requires: glueRequires(body, removed, bgSpec) }
}

/** The `require('./x_bg.js')` calls in the statements that stay. */
function glueRequires(body: Node[], removed: Set<Node>, bgSpec: string): Node[] {
  const requires: Node[] = []
  for (const st of body)
    if (!removed.has(st))
      walk(st, { CallExpression: (n) => void (n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments[0] && stringValue(n.arguments[0]) === bgSpec && requires.push(n)) })
  return requires
}

/** `exports.x = …` / `module.exports.x = …`: a re-export is never part of the loader. */
function isExport(e: Node): boolean {
  if (e.type !== 'AssignmentExpression' || e.left.type !== 'MemberExpression') return false
  const o = e.left.object
  return (o.type === 'Identifier' && o.name === 'exports') || isMember(o, 'module', 'exports') || isMember(e.left, 'module', 'exports')
}
