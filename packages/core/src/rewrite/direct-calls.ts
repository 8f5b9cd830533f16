// Direct wasm calls. A glue function that runs only inside a guard of ours (an exported function behind
// its facade, a method with its guard inline) reached each wasm export through that export's guard as
// well: a second function, state check and try on every call. Its own calls now go to the instance's
// raw export (`__wbr_g.raw.x(…)`), and the guard around the function makes a trap the abort
// (Supervisor.fail). Only a call whose throw reaches that guard before any other wasm call qualifies:
// not in a nested function (that runs later, outside the guard), not in a `try` with a `catch` (which
// may swallow it). In the block of a `try … finally` (the glue's stack pointer, its deferred frees) it
// does, given a catch of ours that makes the trap the abort first (`trys`): the `finally`'s own calls keep
// their guards, which then refuse the dead instance. Every other wasm call keeps its export guard.
import { cjsExportName, isNestedCode, memberKey, walk, walkUnless, type Node } from '../detect/ast.js'
import type { Glue, GlueExport } from '../detect/glue.js'
import { Scopes } from '../detect/scope.js'
import type { InlineClass } from './inline-methods.js'

/** What a direct call reads its function from; `__wbr_g` is in the scope of the factory and of every maker. */
export const RAW = '__wbr_g.raw'

const NOT_FACADED = /^(__wbg_|__wbindgen_|__wbr_)/

export interface DirectPlan {
  /** The `wasm` identifiers of the direct calls (each is overwritten with RAW). */
  sites: Set<Node>
  /** Wasm functions the glue reads only in direct calls: they need no export guard (passed raw). */
  unguarded: Set<string>
  /** `try … finally` statements (no catch) with direct calls in their block: each gets TRAP_CATCH. */
  trys: Set<Node>
}

/** Inserted after such a try's block: the trap is the abort before the `finally` runs. */
export const TRAP_CATCH = ' catch (__wbr_e) { throw __wbr_g.trap(__wbr_e); }'

/** `top`: the references to each top-level binding, imports included (the split plan's, when there is one). */
export function planDirect(glue: Glue, inline: readonly InlineClass[], top?: ReadonlyMap<string, readonly Node[]>): DirectPlan {
  const sites = new Set<Node>()
  const trys = new Set<Node>()
  const plan = { sites, unguarded: new Set<string>(), trys }
  const fns = new Set(Object.keys(glue.wasm.exportArity))
  if (!fns.size || glue.scriptInsert !== undefined) return plan
  const body: Node[] = glue.parsed.program.body
  const functions = exportedFunctions(glue, body)
  if (!functions.length && !inline.length) return plan
  top ??= new Scopes(glue.parsed, undefined, true).all()
  const topNodes = new Set<Node>()
  for (const nodes of top.values()) for (const n of nodes) topNodes.add(n)
  const { binding, reads, computed } = exportsBinding(glue.parsed.program, fns, topNodes)
  if (!binding) return plan
  const bodies = [...functions.filter((f) => onlyExported(body, top, f.local, f.node)).map((f) => f.node.body), ...inline.flatMap((c) => c.methods.map((m) => m.value.body))]
  // not in a nested function, a `try` with a catch, or a `finally` (see above)
  const finals = new Set<Node>()
  const prune = (n: Node) => (n.type === 'TryStatement' && n.handler) || finals.has(n) || isNestedCode(n)
  for (const b of bodies) {
    // this body's `try … finally` statements, seen before the calls inside them
    const open: Node[] = []
    walkUnless(b, prune, {
      TryStatement: (t) => void (t.finalizer && finals.add(t.finalizer), open.push(t)),
      CallExpression: (call) => {
        const m = call.callee
        const o = m?.type === 'MemberExpression' ? m.object : undefined
        if (o?.type !== 'Identifier' || o.name !== binding || !topNodes.has(o) || !fns.has(memberKey(m) ?? '')) return
        sites.add(o)
        for (const t of open) if (t.block.start <= o.start && o.end <= t.block.end) trys.add(t)
      },
    })
  }
  // a read of `wasm[k]` by a key not known at build time could be any of them
  if (!computed) for (const [k, objects] of reads) if (objects.every((o) => sites.has(o))) plan.unguarded.add(k)
  return plan
}

/** The exported functions the rewrite gives a generated facade (wrappers.ts), declared at the top level. */
function exportedFunctions(glue: Glue, body: Node[]): { local: string; node: Node }[] {
  const inits = new Set([glue.init?.async, glue.init?.sync, glue.init?.wrapper, 'default', 'initSync'].filter(Boolean))
  const wanted = new Map<string, GlueExport>()
  for (const e of glue.exports)
    if (e.kind === 'function' && !NOT_FACADED.test(e.name) && !inits.has(e.name) && glue.exports.filter((x) => x.local === e.local).length === 1) wanted.set(e.local, e)
  const out: { local: string; node: Node }[] = []
  const plain = (f: Node | undefined) => (f?.type === 'FunctionDeclaration' || f?.type === 'FunctionExpression') && !f.async && !f.generator
  for (const st of body) {
    const d = st.type === 'ExportNamedDeclaration' ? st.declaration : st
    if (d?.type === 'FunctionDeclaration' && plain(d) && wanted.has(d.id?.name)) out.push({ local: d.id.name, node: d })
    // older nodejs glue: `module.exports.add = function (a, b) { … }`, reachable only as that export
    if (st.type === 'ExpressionStatement' && !glue.parsed.esm)
      for (const e of st.expression.type === 'SequenceExpression' ? st.expression.expressions : [st.expression]) {
        const name = cjsExportName(e)
        if (name !== undefined && wanted.get(name)?.local === name && e.right.type === 'FunctionExpression' && plain(e.right) && !glue.declared.has(name)) out.push({ local: name, node: e.right })
      }
  }
  return out
}

/**
 * The binding most reads of wasm function names are made on (`wasm` in the generator's output); the
 * objects of its reads, by wasm function; whether it is also read by a key not known at build time.
 */
function exportsBinding(program: Node, fns: ReadonlySet<string>, topNodes: ReadonlySet<Node>): { binding?: string; reads: Map<string, Node[]>; computed: boolean } {
  const byName = new Map<string, Map<string, Node[]>>()
  const dynamic = new Set<string>()
  walk(program, {
    MemberExpression: (m) => {
      const o = m.object
      if (o.type !== 'Identifier' || !topNodes.has(o)) return
      const k = memberKey(m)
      if (k === undefined && m.computed) dynamic.add(o.name)
      if (k === undefined || !fns.has(k)) return
      const reads = byName.get(o.name) ?? byName.set(o.name, new Map()).get(o.name)!
      ;(reads.get(k) ?? reads.set(k, []).get(k)!).push(o)
    },
  })
  let binding: string | undefined
  let most = 0
  for (const [name, reads] of byName) {
    let n = 0
    for (const r of reads.values()) n += r.length
    if (n > most) (binding = name), (most = n)
  }
  return { binding, reads: (binding && byName.get(binding)) || new Map(), computed: binding !== undefined && dynamic.has(binding) }
}

/** Is the top-level function `local` (declared by `node`) referenced by nothing but its declaration and its export? */
export function onlyExported(body: Node[], top: ReadonlyMap<string, readonly Node[]>, local: string, node: Node): boolean {
  return (top.get(local) ?? []).every((n) => n === node.id || exportPosition(body, n))
}

/** `export { add }` or `exports.add = add` / `module.exports.add = add` at the top level. */
function exportPosition(body: Node[], ref: Node): boolean {
  return body.some((st) =>
    st.type === 'ExportNamedDeclaration'
      ? !st.declaration && !st.source && st.specifiers.some((sp: Node) => sp.local === ref)
      : st.type === 'ExpressionStatement' && st.expression.type === 'AssignmentExpression' && st.expression.right === ref && st.expression.left.type === 'MemberExpression',
  )
}
