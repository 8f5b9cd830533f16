import { MagicString } from 'magic-string'
import type { Node } from '../detect/ast.js'
import type { Glue } from '../detect/glue.js'

/**
 * The synchronous twin of a web glue's only (async) init, and of the wrapper around it (see
 * detect/sync-twin.ts): copies of their source, placed in the factory beside the originals, so they see
 * the same generation state. Empty when the glue has a sync init of its own.
 */
export function twinSource(code: string, glue: Glue, syncSites: readonly Node[] = []): string {
  const twin = glue.init?.twin
  if (!twin) return ''
  const t = new MagicString(code)
  // a 'synced' binding (split.ts) is stored into the namespace by the twin's assignments too (`wasm = …`)
  for (const site of syncSites) t.prependRight(site.right.start, `__wbr_ns.${site.left.name} = `)
  for (const n of twin.awaits) t.remove(n.start, n.argument.start)
  for (const n of twin.loads) {
    t.remove(n.start, n.argument.start)
    t.overwrite(n.argument.callee.start, n.argument.callee.end, '__wbr_loadSync')
  }
  for (const r of twin.initRefs) t.overwrite(r.start, r.end, '__wbr_twin_init')
  // the default `new URL('x_bg.wasm', import.meta.url)` is never reached (the twin is always given the Module)
  for (const u of glue.defaultUrls) t.overwrite(u.start, u.end, '__wbr_ctx.module')
  const out = ['// synchronous twins of the async init (a fresh instance is bound at once where the platform allows)']
  out.push('const __wbr_loadSync = (m, i) => ({ instance: new WebAssembly.Instance(m, i), module: m });')
  for (const { node, fn, name } of twin.functions) {
    if (node.type === 'FunctionDeclaration') {
      t.overwrite(node.start, node.id.end, `function ${name}`)
      out.push(t.slice(node.start, node.end))
    } else {
      // `x = async (…) => …` / `x = async function (…) {…}`: the function without its `async`
      t.remove(fn.start, fn.start + 'async'.length)
      out.push(`const ${name} = ${t.slice(fn.start, fn.end)};`)
    }
  }
  return out.join('\n')
}

/** The name the factory returns the twin under, for the runtime (`__wbr_initTwin`). */
export function twinEntry(glue: Glue): string | undefined {
  const fns = glue.init?.twin?.functions
  return fns?.length ? `"__wbr_initTwin": ${fns[fns.length - 1]!.name}` : undefined
}
