import { propertyKey, walk, wasmUrlSpec, type Node } from './ast.js'
import type { Scopes } from './scope.js'

/**
 * A package's lazy loader over bundler-target glue (matrix-sdk-crypto-wasm's `node.mjs` / `index.mjs`):
 * the instantiation sits in functions that its exported init calls (`initAsync()` → `loadModuleAsync()`),
 * so nothing can be cut out whole. The rewritten glue loads its own wasm, so those functions are hollowed
 * (the init still resolves, having nothing left to do), and what only they used goes with them: the
 * path, the bytes, the hand-over. A `new URL('x_bg.wasm', import.meta.url)` that stays (a default
 * argument) becomes `undefined`, so that no bundler emits that .wasm a second time.
 */
export interface LazyLoader {
  /** Statements to drop: the hollowed functions' bodies' statements, and top-level ones only they used. */
  remove: Node[]
  /** Expressions that become `undefined`. */
  voids: Node[]
}

type Instantiation = (n: Node) => boolean

/** Does any node under `node` instantiate a wasm (`instantiation` tells which calls do)? */
export function instantiates(node: Node, instantiation: Instantiation): boolean {
  let hit = false
  walk(node, { NewExpression: (n) => void (instantiation(n) && (hit = true)), CallExpression: (n) => void (instantiation(n) && (hit = true)) })
  return hit
}

/**
 * Does the function's body instantiate the wasm with the glue as its import module? Directly, or through
 * the loader's own helpers (@wasm-fmt's web entries: `load(input, getImports())`, whose `getImports()`
 * returns `{ './x_bg.js': … }` and whose `load` instantiates what it is given).
 */
function loads(fn: Node, instantiation: Instantiation, helpers: Helpers): boolean {
  const glued = (o: Node | undefined) => gluedImports(o) || (o?.type === 'CallExpression' && o.callee.type === 'Identifier' && helpers.makers.has(o.callee.name))
  let hit = false
  const visit = (n: Node) => {
    if (instantiation(n) && glued(n.arguments[1])) hit = true
    else if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && helpers.instantiators.has(n.callee.name) && n.arguments.some(glued)) hit = true
  }
  walk(fn.body, { NewExpression: visit, CallExpression: visit })
  return hit
}

/** `{ './x_bg.js': bindings }`: the import object names the glue's module. */
function gluedImports(o: Node | undefined): boolean {
  if (o?.type !== 'ObjectExpression') return false
  return o.properties.some((p: Node) => /_bg(\.(c|m)?js)?$/.test(propertyKey(p) ?? ''))
}

interface Helpers {
  /** Top-level functions that return the glued import object. */
  makers: Set<string>
  /** Top-level functions that instantiate whatever they are given. */
  instantiators: Set<string>
}

function helpersOf(body: Node[], instantiation: Instantiation): Helpers {
  const makers = new Set<string>()
  const instantiators = new Set<string>()
  for (const s of body) {
    const f = functionOf(s)
    if (!f?.id) continue
    walk(f.body, { ReturnStatement: (n) => void (gluedImports(n.argument ?? undefined) && makers.add(f.id.name)) })
    if (instantiates(f.body, instantiation)) instantiators.add(f.id.name)
  }
  return { makers, instantiators }
}

const functionOf = (s: Node): Node | undefined => {
  const d = s.type.startsWith('Export') && s.declaration ? s.declaration : s
  return d.type === 'FunctionDeclaration' && d.body ? d : undefined
}

export function lazyLoader(body: Node[], scopes: Scopes, instantiation: Instantiation): LazyLoader | undefined {
  const helpers = helpersOf(body, instantiation)
  const hollow = body.map(functionOf).filter((f): f is Node => !!f && loads(f, instantiation, helpers))
  if (!hollow.length) return undefined
  const dead: [number, number][] = hollow.map((f) => [f.body.start, f.body.end])
  const isDead = (n: Node) => dead.some(([a, b]) => a <= n.start && n.end <= b)
  const declarators = (s: Node): Node[] => (s.type === 'VariableDeclaration' ? s.declarations : s.type === 'FunctionDeclaration' && s.id ? [s] : [])
  const removed: Node[] = hollow.flatMap((f) => f.body.body)
  // what only the hollowed code used, to a fixed point (a helper such as `initInstance` goes, then its own)
  for (let changed = true; changed; ) {
    changed = false
    for (const s of body) {
      const ds = declarators(s)
      if (!ds.length || isDead(s) || hollow.includes(s)) continue
      // (its own declaration and self-references aside; one nothing uses is not the loader's)
      const refs = ds.flatMap((d) => scopes.references(d)).filter((r) => r.start < s.start || r.end > s.end)
      if (!refs.length || !refs.every(isDead)) continue
      removed.push(s)
      dead.push([s.start, s.end])
      changed = true
    }
  }
  const voids: Node[] = []
  for (const s of body) {
    if (isDead(s)) continue
    walk(s, {
      NewExpression: (n) => {
        if (isDead(n) || wasmUrlSpec(n) === undefined) return
        const base = n.arguments[1]
        if (base?.type === 'MemberExpression' && base.object.type === 'MetaProperty') voids.push(n)
      },
    })
  }
  return { remove: removed, voids }
}
