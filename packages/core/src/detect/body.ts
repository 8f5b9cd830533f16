import { isMember, isNestedCode, stringValue, walk, wasmUrlSpec, type Node } from './ast.js'
import type { Scopes } from './scope.js'

const WASM_FILE = /\.wasm$/

/** What the top level of the glue says about loading its .wasm. */
export interface BodyScan {
  instantiate?: { statement: Node; call: Node }
  wasmName?: string
  urls: Node[]
  /** `new URL('x.wasm', void 0)`: a default URL the re-bundler broke (the app must supply the wasm). */
  deadUrls: number
  /** Index of the first top-level statement naming the .wasm file. */
  firstWasmMention: number
  /**
   * The two-file nodejs form of CLIs up to 0.2.5x: the glue ends with `wasm = require('./x_bg')`, and
   * `x_bg.js` instantiates `x_bg.wasm` with the glue as import module (`module.exports = wasmInstance.exports`).
   */
  bgRequire?: { statement: Node; call: Node; spec: string }
}

export function isInstantiation(n: Node): boolean {
  if (n.type === 'NewExpression') return isMember(n.callee, 'WebAssembly', 'Instance')
  return n.type === 'CallExpression' && (isMember(n.callee, 'WebAssembly', 'instantiate') || isMember(n.callee, 'WebAssembly', 'instantiateStreaming'))
}

export function scanBody(body: Node[]): BodyScan {
  const scan: BodyScan = { urls: [], deadUrls: 0, firstWasmMention: -1 }
  body.forEach((s, i) => {
    // top-level instantiation (nodejs, deno, module targets), not inside a function
    if (!scan.instantiate && !isNestedCode(s) && !(s.declaration && isNestedCode(s.declaration))) {
      walk(s, {
        NewExpression: (n) => void (isInstantiation(n) && !insideFunction(s, n) && (scan.instantiate ??= { statement: s, call: n })),
        CallExpression: (n) => void (isInstantiation(n) && !insideFunction(s, n) && (scan.instantiate ??= { statement: s, call: n })),
      })
    }
    const e = s.type === 'ExpressionStatement' ? s.expression : undefined
    const call = e?.type === 'AssignmentExpression' && e.left.type === 'Identifier' ? e.right : undefined
    const spec = call?.type === 'CallExpression' && call.callee.type === 'Identifier' && call.callee.name === 'require' && call.arguments.length === 1 ? stringValue(call.arguments[0]) : undefined
    if (spec && /^\.\.?\/.*_bg(\.js)?$/.test(spec)) scan.bgRequire ??= { statement: s, call, spec }
    walk(s, {
      Literal: (n) => mention(n),
      TemplateLiteral: (n) => mention(n),
      NewExpression: (n) => {
        if (n.arguments.length !== 2 || wasmUrlSpec(n) === undefined) return
        // a re-bundler that could not keep `import.meta.url` writes `void 0` (rapier's build: "<deleted>"):
        // that default never worked
        const base = n.arguments[1]
        const literal = stringValue(base)
        if ((base.type === 'UnaryExpression' && base.operator === 'void') || (literal !== undefined && !URL.canParse(literal))) scan.deadUrls++
        else scan.urls.push(n)
      },
    })
    function mention(n: Node) {
      const v = stringValue(n)
      if (!v || !WASM_FILE.test(v) || v.includes('\n')) return
      scan.wasmName ??= v.replace(/^.*\//, '')
      if (scan.firstWasmMention < 0) scan.firstWasmMention = i
    }
  })
  return scan
}

/** Does `node` name a `.wasm` file in a string or template? */
function mentionsWasm(node: Node): boolean {
  let yes = false
  const check = (n: Node) => {
    if (n.type === 'TemplateLiteral' ? n.quasis.some((q: Node) => WASM_FILE.test(q.value.raw)) : WASM_FILE.test(stringValue(n) ?? '')) yes = true
  }
  walk(node, { Literal: check, TemplateLiteral: check })
  return yes
}

/** Does `node` compile the module (`new WebAssembly.Module(…)`)? Those statements are kept and rewritten. */
function makesModule(node: Node): boolean {
  let yes = false
  walk(node, { NewExpression: (n) => void (isMember(n.callee, 'WebAssembly', 'Module') && (yes = true)) })
  return yes
}

function insideFunction(root: Node, target: Node): boolean {
  let inside = false
  const check = (fn: Node) => {
    if (fn !== root && fn.start <= target.start && target.end <= fn.end) inside = true
  }
  walk(root, { FunctionDeclaration: check, FunctionExpression: check, ArrowFunctionExpression: check })
  return inside
}

/**
 * self targets locate and read the .wasm at top level (`__dirname` + `readFileSync`, `Deno.readFile`,
 * `fetch`): the statements from the first mention of the file to the instantiation. Those that declare
 * the module or instance are kept and rewritten; the others go (statements, or declarators: see below).
 */
export function loaderStatements(body: Node[], scan: BodyScan, declared: Map<string, Node>, scopes: Scopes): Node[] | undefined {
  if (!scan.instantiate) return []
  const end = body.indexOf(scan.instantiate.statement)
  const start = scan.firstWasmMention >= 0 && scan.firstWasmMention < end ? scan.firstWasmMention : end
  const removed = body.slice(start, end).filter((s) => s.type !== 'ImportDeclaration' && !makesModule(s))
  // minified glue declares it all in one statement (`const p=…wasm…,b=readFileSync(p),m=new Module(b),w=new
  // Instance(m,…)`): its declarators from the first mention of the .wasm up to the instantiating one count too
  const st = scan.instantiate.statement
  if (st.type === 'VariableDeclaration' && st.declarations.length > 1) {
    const before = st.declarations.filter((d: Node) => d.end <= scan.instantiate!.call.start)
    const first = before.findIndex((d: Node) => mentionsWasm(d))
    if (first >= 0) removed.push(...before.slice(first).filter((d: Node) => !makesModule(d)))
  }
  // a removed binding still used elsewhere means we misread the loader: refuse rather than break it.
  // Decided by scope (the references that resolve to the binding), never by name: old glue names its
  // loader's `path` / `bytes` like the parameters of methods elsewhere
  const bindings = [...declared.values()].filter((d) => removed.some((s) => s.start <= d.start && d.end <= s.end))
  // statements removed, the instantiation, and `new WebAssembly.Module(bytes)`: all become the cached module
  const gone: Node[] = [...removed, scan.instantiate.call]
  for (const s of body) walk(s, { NewExpression: (n) => void (isMember(n.callee, 'WebAssembly', 'Module') && gone.push(n)) })
  const inRemoved = (n: Node) => gone.some((s) => s.start <= n.start && n.end <= s.end)
  const usedElsewhere = bindings.some((d) => scopes.references(d).some((ref) => !inRemoved(ref)))
  return usedElsewhere ? undefined : removed
}
