import { walk, wasmUrlSpec, type Node } from './ast.js'
import type { GlueExport } from './glue.js'
import type { Scopes } from './scope.js'
import { syncTwin, type SyncTwin } from './sync-twin.js'

export interface InitEntries {
  /** Local name of the async init a generation is bound with (the wrapper, else `__wbg_init`). */
  async?: string
  /** Local name of the glue's `initSync` when it is not exported. */
  sync?: string
  /** The export the app initialises through, when it is a wrapper around `__wbg_init`. */
  wrapper?: string
  /** No sync init at all: a synchronous copy of the async one (see sync-twin.ts). */
  twin?: SyncTwin
}

/**
 * Re-bundled web glue (tsup, rolldown) may keep `__wbg_init` / `initSync` internal and export a wrapper
 * (`initWasm = async (x) => { await __wbg_init(await x); initialized = true }`). The wrapper is the
 * exported function whose body refers to `__wbg_init` (directly or through an alias such as
 * `var dist_default = __wbg_init`), by scope. Undefined when the glue exports its own inits.
 */
export function initEntries(exports: GlueExport[], declared: Map<string, Node>, scopes: Scopes): InitEntries | undefined {
  const has = (n: string) => exports.some((e) => e.name === n)
  const out: InitEntries = {}
  if (!has('initSync') && declared.get('initSync')?.type === 'FunctionDeclaration') out.sync = 'initSync'
  const byDefault = exports.find((e) => e.name === 'default')
  // a package's `default` may be its own namespace object (rapier-compat), not an init
  const fromDefault = byDefault && isFunction(declared.get(byDefault.local)) ? declared.get(byDefault.local) : undefined
  const init = declared.get('__wbg_init') ?? fromDefault ?? minifiedInit(declared)
  const seen = init ? [init] : []
  if (!fromDefault && init) {
    out.async = init.id.name
    for (let i = 0; i < seen.length && !out.wrapper; i++) {
      for (const ref of scopes.references(seen[i]!)) {
        // the innermost declaration around it (an IIFE's global holds all of its body)
        const holder = [...declared.values()]
          .filter((d) => d !== seen[i] && d.start <= ref.start && ref.end <= d.end)
          .reduce<Node | undefined>((a, d) => (!a || d.end - d.start < a.end - a.start ? d : a), undefined)
        if (!holder) continue
        if (holder.type === 'VariableDeclarator' && holder.init === ref) seen.push(holder)
        const e = exports.find((x) => x.kind === 'function' && declared.get(x.local) === holder)
        if (e) out.wrapper = e.name
      }
    }
    if (out.wrapper) out.async = exports.find((e) => e.name === out.wrapper)!.local
  }
  if (init && !has('initSync') && !out.sync) {
    const wrapper = out.wrapper ? declared.get(exports.find((e) => e.name === out.wrapper)!.local) : undefined
    out.twin = syncTwin(init, wrapper, seen, declared, scopes)
  }
  return out.async || out.sync || out.twin ? out : undefined
}

function isFunction(d: Node | undefined): boolean {
  return d?.type === 'FunctionDeclaration' || (d?.type === 'VariableDeclarator' && /Function/.test(d.init?.type ?? ''))
}

/**
 * Minified glue keeps no names, but its async init keeps its shape: the top-level async function that
 * builds the default `new URL('x_bg.wasm', …)`, or that turns a string / `Request` / `URL` input into a
 * `fetch` (glue without a default URL). `__wbg_load` fetches nothing and builds no URL.
 */
export function minifiedInit(declared: Map<string, Node>): Node | undefined {
  for (const d of declared.values()) {
    if (d.type !== 'FunctionDeclaration' || !d.async || !d.id) continue
    let url = false
    let fetches = false
    let request = false
    walk(d.body, {
      NewExpression: (n) => void (wasmUrlSpec(n) !== undefined && (url = true)),
      CallExpression: (n) => void (n.callee.type === 'Identifier' && n.callee.name === 'fetch' && (fetches = true)),
      Identifier: (n) => void (n.name === 'Request' && (request = true)),
    })
    if (url || (fetches && request)) return d
  }
  return undefined
}
