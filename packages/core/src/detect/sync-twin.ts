import { isMember, walk, type Node } from './ast.js'
import type { Scopes } from './scope.js'

/**
 * Web glue with no `initSync` (CLIs before 0.2.84, re-bundles that dropped it, resvg's wrapper): its only
 * init is async, so a fresh instance would be bound a microtask later and calls in between refused.
 * Where the platform instantiates synchronously, a synchronous twin of that init (and of the wrapper
 * around it, so the wrapper's own flags are set) does it at once: the same code without `async`/`await`,
 * its `await load(module, imports)` replaced by a synchronous instantiation of the cached Module.
 */
export interface SyncTwin {
  /** The functions copied, init first: FunctionDeclarations or the declarators of async arrows/functions. */
  functions: { node: Node; fn: Node; name: string }[]
  /** `await` keywords to drop (their expressions stay). */
  awaits: Node[]
  /** `await load(x, imports)` / `await WebAssembly.instantiate(x, imports)`: become a synchronous instantiation. */
  loads: Node[]
  /** References (in the wrapper) to the async init or its aliases: become the twin init. */
  initRefs: Node[]
}

const FUNCTION = /Function/

/** The function a declaration holds: `async function f` itself, or the `async (…) => …` of `f = …`. */
function asyncFunction(d: Node | undefined): Node | undefined {
  if (!d) return undefined
  const fn = d.type === 'VariableDeclarator' ? d.init : d
  return fn && FUNCTION.test(fn.type) && fn.async && !fn.generator ? fn : undefined
}

/** Visits `fn`'s own body: nested functions have awaits of their own, not the twin's. */
function ownBody(fn: Node, visit: (n: Node) => void): void {
  const go = (n: Node) => {
    visit(n)
    for (const key in n) {
      const v = n[key]
      if (v === null || typeof v !== 'object' || key === 'parent') continue
      for (const c of Array.isArray(v) ? v : [v]) if (c && typeof c.type === 'string' && !FUNCTION.test(c.type)) go(c)
    }
  }
  for (const p of fn.params) go(p)
  go(fn.body)
}

/** `await (async function (m, i) { … WebAssembly.instantiate … })(x, imports)`: a minifier's inlined `__wbg_load`. */
function inlineLoad(callee: Node): boolean {
  if (!FUNCTION.test(callee.type) || !callee.async) return false
  let instantiates = false
  walk(callee.body, { MemberExpression: (n) => void (isMember(n, 'WebAssembly', 'instantiate') && (instantiates = true)) })
  return instantiates
}

/** Does `fn` (nested functions included) assign a variable declared at the module's top level? */
function setsModuleState(fn: Node, declared: Map<string, Node>, scopes: Scopes): boolean {
  const outer = new Set<Node>()
  for (const d of declared.values()) for (const r of scopes.references(d)) if (fn.start <= r.start && r.end <= fn.end) outer.add(r)
  let sets = false
  walk(fn, {
    AssignmentExpression: (n) => void (outer.has(n.left) && (sets = true)),
    UpdateExpression: (n) => void (outer.has(n.argument) && (sets = true)),
  })
  return sets
}

export function syncTwin(init: Node, wrapper: Node | undefined, aliases: Node[], declared: Map<string, Node>, scopes: Scopes): SyncTwin | undefined {
  const initFn = asyncFunction(init)
  if (!initFn || init.type !== 'FunctionDeclaration') return undefined
  let wrapperFn = wrapper && wrapper !== init ? asyncFunction(wrapper) : undefined
  if (wrapper && wrapper !== init && !wrapperFn) {
    // a wrapper we cannot copy (down-levelled `__awaiter(function* () { yield init(bytes) })`, rapier)
    // is needed only for the state it sets: one that sets none is left out of the twin
    if (setsModuleState(wrapper, declared, scopes)) return undefined
    wrapper = undefined
  }
  // the glue's async load helpers (`__wbg_load`, `load`, or their minified names), by scope
  const loadRefs = new Set<Node>()
  for (const d of declared.values()) if (d !== init && d.type === 'FunctionDeclaration' && d.async) for (const r of scopes.references(d)) loadRefs.add(r)
  const out: SyncTwin = { functions: [], awaits: [], loads: [], initRefs: [] }
  const initNames = new Set<Node>(aliases.flatMap((a) => scopes.references(a)))
  let loads = 0
  for (const [node, fn] of [[init, initFn], ...(wrapperFn ? [[wrapper!, wrapperFn]] : [])] as [Node, Node][]) {
    let bad = false
    ownBody(fn, (n) => {
      if (n.type === 'ForOfStatement' && n.await) bad = true
      if (n.type === 'Identifier' && fn === wrapperFn && initNames.has(n)) out.initRefs.push(n)
      if (n.type !== 'AwaitExpression') return
      const a = n.argument
      const isLoad = a.type === 'CallExpression' && ((a.callee.type === 'Identifier' && loadRefs.has(a.callee)) || isMember(a.callee, 'WebAssembly', 'instantiate') || inlineLoad(a.callee))
      if (isLoad && fn === initFn) {
        out.loads.push(n)
        loads++
      } else out.awaits.push(n)
    })
    if (bad) return undefined
    out.functions.push({ node, fn, name: node === init ? '__wbr_twin_init' : '__wbr_twin_wrapper' })
  }
  // exactly one instantiation, or this is not an init we understand
  if (loads !== 1) return undefined
  if (wrapperFn && !out.initRefs.length) return undefined
  return out
}
