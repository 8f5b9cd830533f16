import { MagicString } from 'magic-string' // named: the CommonJS build require()s this ES-only package
import { parse, walk, type Node } from '../detect/ast.js'
import { ASSET_PLACEHOLDER, relativeTo, scriptRelative } from './wasm-module.js'

/**
 * Output formats that have `import.meta` and top-level `await`. Not 'system': Rollup wraps its modules
 * there in a function that is async only when they used top-level await before rendering.
 */
const MODULE_FORMATS = new Set(['es', 'esm', 'module'])

export interface ChunkContext {
  fileName: string
  /** The output format (Rollup's and rolldown's `outputOptions.format`). */
  format: string
  /** The emitted file of an asset reference. */
  fileOf(ref: string): string
  /** Re-add the top-level await of bundler-target glue (left out by the transform: see index.ts). */
  awaitStart: boolean
}

/**
 * Rollup, rolldown: the output format is known only here. Each asset placeholder becomes the URL of
 * the emitted `.wasm` in the format's own way, and in ES output the first instance of each glue is
 * awaited at top level again (`await __wbr.start()`), exactly where the transform would have put it.
 * Undefined when the chunk has neither.
 */
export function renderWasmChunk(code: string, ctx: ChunkContext): { code: string; map: ReturnType<MagicString['generateMap']> } | undefined {
  const module = MODULE_FORMATS.has(ctx.format)
  const awaits = ctx.awaitStart && module && code.includes('createSupervisor')
  if (!code.includes(ASSET_PLACEHOLDER) && !awaits) return undefined
  const parsed = parse(ctx.fileName, code)
  if (!parsed) return undefined
  const s = new MagicString(code)
  const prefix = JSON.stringify(ASSET_PLACEHOLDER).slice(1, -1)
  walk(parsed.program, {
    Literal: (n) => {
      if (typeof n.value !== 'string' || !n.value.startsWith(prefix) || !n.value.endsWith('__')) return
      const rel = JSON.stringify(relativeTo(ctx.fileName, ctx.fileOf(n.value.slice(prefix.length, -2))))
      s.overwrite(n.start, n.end, module ? `new URL(${rel}, import.meta.url).href` : scriptRelative(rel))
    },
  })
  if (awaits) for (const st of supervisorStarts(parsed.program.body)) s.prependLeft(st.start, 'await ')
  return s.hasChanged() ? { code: s.toString(), map: s.generateMap({ hires: true }) } : undefined
}

/** Top-level `x.start();` statements of supervisors declared as `const x = …createSupervisor(…)`. */
function supervisorStarts(body: Node[]): Node[] {
  const supervisors = new Set<string>()
  const out: Node[] = []
  for (const st of body) {
    if (st.type === 'VariableDeclaration') {
      for (const d of st.declarations)
        if (d.id.type === 'Identifier' && d.init?.type === 'CallExpression' && isCreateSupervisor(d.init.callee)) supervisors.add(d.id.name)
    } else if (st.type === 'ExpressionStatement' && st.expression.type === 'CallExpression') {
      const c = st.expression.callee
      if (c.type === 'MemberExpression' && !c.computed && c.property.name === 'start' && c.object.type === 'Identifier' && supervisors.has(c.object.name))
        out.push(st.expression)
    }
  }
  return out
}

/** `rt.createSupervisor` or, with the runtime bundled in, `createSupervisor` (`createSupervisor$1`, …). */
function isCreateSupervisor(callee: Node): boolean {
  if (callee.type === 'Identifier') return /^createSupervisor(\$\d+)?$/.test(callee.name)
  return callee.type === 'MemberExpression' && !callee.computed && callee.property.name === 'createSupervisor'
}
