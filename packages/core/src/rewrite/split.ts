// Tree-shaking. Inside the factory every export is pinned (its `return { … }` names them all), so a
// bundler could drop none. The glue's exported functions and classes therefore move out of it, each
// into a maker at the module's top level, registered by a pure call beside its facade: what the app
// does not import is dropped with its facade. A part reads the glue's other names through the
// generation's namespace (`__wbr_s.name`, a getter for a binding the glue reassigns), so the same
// mechanism still serves every CLI version: no name of the glue needs to be known.
import { extractAssignedNames } from '@rollup/pluginutils'
import type { MagicString } from 'magic-string'
import { cjsExportName, isReference, memberKey, walk, type Node } from '../detect/ast.js'
import type { Glue, GlueExport } from '../detect/glue.js'
import { Scopes } from '../detect/scope.js'
import { RAW } from './direct-calls.js'
import { foldPart } from './fold.js'
import { cjsExportStatements, usesModuleScope } from './cjs-split.js'

export interface Part {
  exp: GlueExport
  /** The top-level statement (`export function …` or a bare declaration) and its declaration. */
  statement: Node
  decl: Node
  /** A class's statements after it that touch nothing else (`X.prototype[Symbol.dispose] = …`). */
  attached: Node[]
  /** Locals of the other parts it uses: their registrations must stay when it stays. */
  deps: string[]
  /** Wasm exports only parts call (this one among them): their guards are registered with it. */
  ownWasm: string[]
  /** A function whose body is its facade's (fold.ts): it has no maker. */
  folded?: boolean
  /** CommonJS glue: its `exports.X = X;` (removed: the facade is the module's export now). */
  cjsExport?: Node
}

/**
 * How a part reaches a name of the glue through the namespace: as a value; a binding the glue reassigns
 * only with a plain `=` as a data property those assignments keep in step ('synced': its `wasm`, set
 * once per generation, costs no getter on the hot path); else by a getter, and a setter where a part writes it.
 */
export type Access = 'value' | 'synced' | 'get' | 'get-set'

export interface SplitPlan {
  parts: Part[]
  /** Names the parts use through the namespace, and how. */
  internals: Map<string, Access>
  /** The glue's plain assignments to 'synced' bindings (each also stores into the namespace). */
  syncSites: Node[]
  /** Where the factory now ends: after the last statement that stays in it. */
  anchor: number
  /** Wasm exports some part owns (left out of the shared guards). */
  owned: Set<string>
  /** The references to each top-level binding (imports included). */
  top: ReadonlyMap<string, readonly Node[]>
}

const INTERNAL = /^(__wbg_|__wbindgen_|__wbr_)/
export const MAKER = (local: string) => `__wbr_m_${local}`
const NS = '__wbr_s'

/**
 * Which exports can move out. `shadows`: the globals the factory hands the body (a part reading one
 * reads the factory's); `facadeName`: the export's local in the output (parts need it to be the glue's).
 */
export function planSplit(glue: Glue, shadows: readonly string[], facadeName: (e: GlueExport) => string): SplitPlan | null {
  if (glue.scriptInsert !== undefined || glue.target === 'no-modules') return null
  const body: Node[] = glue.parsed.program.body
  // CommonJS glue (nodejs target): its `function add` + `exports.add = add;` move out the same way
  const cjs = glue.format === 'cjs' ? cjsExportStatements(body) : null
  const live = new Set<string>()
  const imported = new Set<string>()
  for (const st of body) {
    const d = st.type === 'ExportNamedDeclaration' ? st.declaration : st
    if (d?.type === 'VariableDeclaration' && d.kind !== 'const') for (const x of d.declarations) for (const n of extractAssignedNames(x.id)) live.add(n)
    // the wasm import becomes `let` (set by our setter) for bundler-circular glue, else a `const`
    if (st.type === 'ImportDeclaration') for (const sp of st.specifiers) (st !== glue.wasmImport ? imported : glue.target === 'bundler-circular' ? live : new Set()).add(sp.local.name)
  }
  const inits = new Set([glue.init?.async, glue.init?.sync, glue.init?.wrapper].filter(Boolean))
  const byLocal = new Map<string, GlueExport[]>()
  for (const e of glue.exports) (byLocal.get(e.local) ?? byLocal.set(e.local, []).get(e.local)!).push(e)
  const candidates = new Map<string, Part>()
  for (const st of body) {
    const decl = st.type === 'ExportNamedDeclaration' ? st.declaration : st
    if (decl?.type !== 'FunctionDeclaration' && decl?.type !== 'ClassDeclaration') continue
    const local: string | undefined = decl.id?.name
    const exps = local ? byLocal.get(local) : undefined
    const e = exps?.length === 1 ? exps[0] : undefined
    if (!e || e.name !== local || e.kind === 'value' || INTERNAL.test(local) || inits.has(local) || facadeName(e) !== local) continue
    if ((e.kind === 'class') !== (decl.type === 'ClassDeclaration')) continue
    const cjsExport = cjs?.get(local)
    // outside the factory, `module` and `exports` would be our module's own
    if (cjs && (!cjsExport || usesModuleScope(decl))) continue
    candidates.set(local, { exp: e, statement: st, decl, attached: [], deps: [], ownWasm: [], cjsExport })
  }
  if (!candidates.size) return null

  // every reference to a top-level name, by the top-level statement it sits in
  const top = new Scopes(glue.parsed, undefined, true).all()
  const starts = body.map((st) => st.start)
  const owner = (n: Node): number => {
    let lo = 0, hi = body.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (starts[mid] <= n.start) lo = mid
      else hi = mid - 1
    }
    return lo
  }
  const refs = body.map(() => new Map<string, Node[]>())
  for (const [name, nodes] of top) for (const n of nodes) {
    const m = refs[owner(n)]
    ;(m.get(name) ?? m.set(name, []).get(name)!).push(n)
  }
  const declares = (st: Node, name: string) => {
    const d = st.type === 'ExportNamedDeclaration' ? st.declaration : st
    return d?.id?.name === name
  }
  // what a statement uses, its own declaration left out
  const uses = (i: number) => [...refs[i].keys()].filter((n) => !declares(body[i], n))
  const partIndex = new Map<number, Part>()
  for (const p of candidates.values()) partIndex.set(body.indexOf(p.statement), p)
  // a CommonJS export statement goes (or stays) with its part: it is not code that uses the part
  const exportOf = new Map<number, Part>()
  for (const p of candidates.values()) if (p.cjsExport) exportOf.set(body.indexOf(p.cjsExport), p)
  const attachedTo = new Map<number, Part>()
  body.forEach((st, i) => {
    if (exportOf.has(i) || (st.type !== 'ExpressionStatement' && st.type !== 'IfStatement')) return
    // `module.exports.__wbg_x_new = (p) => X.__wrap(p)` is an import of the instance (nodejs target, lol-html):
    // it stays in the factory, so its class does too
    if (st.type === 'ExpressionStatement' && cjsExportName(st.expression) !== undefined) return
    const u = uses(i)
    const p = u.length === 1 ? candidates.get(u[0]) : undefined
    if (p?.exp.kind === 'class' && p.statement.end <= st.start) (p.attached.push(st), attachedTo.set(i, p))
  })

  // a part that the code staying in the factory uses stays too (it would see the facade otherwise),
  // and so does whatever such a part uses; a part that assigns a top-level name stays as well
  const pinned = new Set<string>()
  const pin = (name: string) => {
    if (!candidates.has(name) || pinned.has(name)) return
    pinned.add(name)
    const p = candidates.get(name)!
    for (const st of [p.statement, ...p.attached]) for (const u of uses(body.indexOf(st))) pin(u)
  }
  body.forEach((st, i) => {
    if (partIndex.has(i) || attachedTo.has(i) || exportOf.has(i)) return
    for (const u of uses(i)) pin(u)
  })
  // a part may write a binding the glue reassigns anyway (`heap[stack_pointer++]`): through a setter
  const written = new Set<string>()
  for (const p of candidates.values()) {
    const names = assignedTopLevel(p.decl, top)
    if (names.some((n) => !live.has(n))) pin(p.exp.local)
    else for (const n of names) written.add(n)
  }
  const parts = [...candidates.values()].filter((p) => !pinned.has(p.exp.local))
  if (!parts.length) return null

  const internals = new Map<string, Access>()
  const exportNames = new Set(glue.exports.map((e) => e.name))
  for (const p of parts) {
    for (const st of [p.statement, ...p.attached])
      for (const u of uses(body.indexOf(st))) {
        if (u === p.exp.local || imported.has(u)) continue
        if (candidates.has(u) && !pinned.has(u)) {
          if (!p.deps.includes(u)) p.deps.push(u)
          continue
        }
        // the namespace is keyed by export names: an internal of the same name would be a different binding
        if (exportNames.has(u) && !glue.exports.some((e) => e.name === u && e.local === u)) return null
        internals.set(u, !live.has(u) ? 'value' : written.has(u) ? 'get-set' : 'get')
      }
    walk(p.decl, { Identifier: (n, parent, key) => void (shadows.includes(n.name) && isReference(parent, key) && internals.set(n.name, 'value')) })
  }

  const syncSites = syncable(glue, top, internals)

  // which statements read each wasm export as a member (a part's attached statements count as the part)
  const wasmNames = new Set(Object.keys(glue.wasm.exportArity))
  const users = new Map<string, Set<Part | number>>()
  body.forEach((st, i) => {
    const who: Part | number = partIndex.get(i) ?? attachedTo.get(i) ?? i
    walk(st, {
      MemberExpression: (n) => {
        const k = memberKey(n)
        if (k !== undefined && wasmNames.has(k)) (users.get(k) ?? users.set(k, new Set()).get(k)!).add(who)
      },
    })
  })
  // a guard only parts use goes with each of them (a kept part brings it; the runtime merges duplicates)
  const owned = new Set<string>()
  for (const [k, who] of users) {
    const all = [...who]
    if (!all.every((w): w is Part => typeof w !== 'number' && !pinned.has(w.exp.local))) continue
    for (const p of all) p.ownWasm.push(k)
    owned.add(k)
  }

  let anchor = 0
  body.forEach((st, i) => void (!parts.some((p) => p.statement === st || p.attached.includes(st) || p.cjsExport === st) && (anchor = st.end)))
  return { parts, internals, syncSites, anchor, owned, top }
}

/** Turns the 'get' bindings that the glue sets only with a plain `=` into 'synced' ones; returns those assignments. */
function syncable(glue: Glue, top: ReadonlyMap<string, readonly Node[]>, internals: Map<string, Access>): Node[] {
  const topNodes = new Set<Node>()
  for (const nodes of top.values()) for (const n of nodes) topNodes.add(n)
  const sites = new Map<string, Node[]>()
  const other = new Set<string>()
  const others = (t: Node) => {
    for (const id of bound(t)) if (topNodes.has(id)) other.add(id.name)
  }
  walk(glue.parsed.program, {
    AssignmentExpression: (n) => {
      if (n.operator === '=' && n.left.type === 'Identifier' && topNodes.has(n.left)) (sites.get(n.left.name) ?? sites.set(n.left.name, []).get(n.left.name)!).push(n)
      else others(n.left)
    },
    UpdateExpression: (n) => others(n.argument),
    ForInStatement: (n) => others(n.left),
    ForOfStatement: (n) => others(n.left),
  })
  const out: Node[] = []
  for (const [n, a] of internals)
    if (a === 'get' && !other.has(n)) {
      internals.set(n, 'synced')
      out.push(...(sites.get(n) ?? []))
    }
  return out
}

/** The identifiers an assignment target binds (`heap[i] = …` binds none: it writes a property). */
function bound(t: Node | null): Node[] {
  if (!t) return []
  if (t.type === 'Identifier') return [t]
  if (t.type === 'ObjectPattern') return t.properties.flatMap((p: Node) => bound(p.type === 'RestElement' ? p.argument : p.value))
  if (t.type === 'ArrayPattern') return t.elements.flatMap(bound)
  if (t.type === 'RestElement') return bound(t.argument)
  if (t.type === 'AssignmentPattern') return bound(t.left)
  if (t.type === 'VariableDeclaration') return t.declarations.flatMap((d: Node) => bound(d.id))
  return []
}

/** The top-level bindings a declaration writes. */
function assignedTopLevel(decl: Node, top: ReadonlyMap<string, readonly Node[]>): string[] {
  const topNodes = new Set<Node>()
  for (const nodes of top.values()) for (const n of nodes) if (decl.start <= n.start && n.end <= decl.end) topNodes.add(n)
  const found = new Set<string>()
  const targets = (t: Node) => {
    for (const n of bound(t)) if (topNodes.has(n)) found.add(n.name)
  }
  walk(decl, {
    AssignmentExpression: (n) => targets(n.left),
    UpdateExpression: (n) => targets(n.argument),
    ForInStatement: (n) => targets(n.left),
    ForOfStatement: (n) => targets(n.left),
  })
  return [...found]
}

/**
 * Moves each part out of the factory into its maker, after `plan.anchor` (where the factory closes),
 * and reads what it uses of the glue through the namespace. A class takes its attached statements along.
 */
export function moveParts(s: MagicString, code: string, glue: Glue, plan: SplitPlan, shadows: readonly string[], inlined: ReadonlySet<string>, direct: ReadonlySet<Node>): void {
  const top = plan.top
  const rewrite = new Set<string>([...plan.internals.keys(), ...plan.parts.map((p) => p.exp.local)])
  for (const p of plan.parts) {
    const { decl, statement } = p
    const own = p.exp.local
    const shorthand = new Set<number>()
    walk(decl, { Property: (n) => void (n.shorthand && shorthand.add(n.value.start)) })
    // a direct wasm call (direct-calls.ts) reads the generation's raw exports instead of the glue's `wasm`
    const at = (n: Node) => s.overwrite(n.start, n.end, direct.has(n) ? RAW : shorthand.has(n.start) ? `${n.name}: ${NS}.${n.name}` : `${NS}.${n.name}`)
    for (const name of rewrite) {
      if (name === own) continue
      for (const n of top.get(name) ?? []) if (decl.start <= n.start && n.end <= decl.end) at(n)
    }
    walk(decl, {
      Identifier: (n, parent, key) => void (shadows.includes(n.name) && isReference(parent, key) && plan.internals.has(n.name) && !top.has(n.name) && at(n)),
    })
    const after = p.attached.map((a) => code.slice(a.start, a.end))
    for (const a of p.attached) s.remove(a.start, a.end)
    if (p.cjsExport) s.remove(p.cjsExport.start, p.cjsExport.end)
    if (p.exp.kind === 'class') {
      // a class with its method guards inline reads its generation from the maker's call (inline-methods.ts)
      s.prependRight(decl.start, inlined.has(p.exp.name) ? `function ${MAKER(own)}(${NS}, __wbr_g) {\nconst __wbr_su = __wbr_g.sup;\n` : `function ${MAKER(own)}(${NS}) {\n`)
      s.appendLeft(decl.end, `\n${after.join('\n')}\nreturn ${own};\n}\n`)
    } else if (p.folded) foldPart(s, p)
    else {
      s.prependRight(decl.start, `function ${MAKER(own)}(${NS}, __wbr_g) { return `)
      s.appendLeft(decl.end, `; }\n`)
    }
    s.move(statement.start, statement.end, plan.anchor)
  }
}
