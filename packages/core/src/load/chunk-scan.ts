import { createHash } from 'node:crypto'
import { parse, walk, type Node } from '../detect/ast.js'
import { cachesOff, Recent } from '../recent.js'

/** Where a rendered chunk needs edits: asset placeholder literals, and the supervisors' start calls. */
export interface ChunkScan {
  /** String literals holding a placeholder: their range and the asset reference inside. */
  placeholders: { start: number; end: number; ref: string }[]
  /** Offsets of top-level `x.start()` calls of supervisors (where `await ` goes). */
  starts: number[]
}

/**
 * A chunk is parsed whole (hundreds of KB once the app is bundled), and a rebuild renders the same
 * chunk again: the scan is kept by content hash (a few recent chunks; the edits, not the AST). Asset
 * references are numbered in the order the .wasm files were loaded, which varies between builds: the
 * hash masks them (length kept, so offsets stay valid) and a reuse reads them from the chunk again.
 */
const MAX_ENTRIES = 16
const cache = new Recent<ChunkScan | undefined>(MAX_ENTRIES)

function keyOf(code: string, prefix: string, withStarts: boolean): string {
  const refs = new RegExp(`(${prefix.replace(/[$^\\.*+?()[\]{}|]/g, '\\$&')})([\\w$-]*)__`, 'g')
  const masked = code.replace(refs, (_, p: string, ref: string) => p + 'x'.repeat(ref.length) + '__')
  return `${prefix}\0${withStarts}\0${createHash('sha1').update(masked).digest('hex')}`
}

/** The cached scan with each placeholder's reference read from this chunk (same offsets, other ids). */
function reuse(scan: ChunkScan | undefined, code: string, prefix: string): ChunkScan | undefined {
  if (!scan) return scan
  const placeholders = scan.placeholders.map((p) => ({ ...p, ref: code.slice(p.start + 1 + prefix.length, p.end - 3) }))
  return { placeholders, starts: scan.starts }
}

/** `prefix`: the placeholder's start as it appears in a string literal; undefined when it does not parse. */
export function scanChunk(fileName: string, code: string, prefix: string, withStarts: boolean): ChunkScan | undefined {
  const off = cachesOff()
  const key = off ? '' : keyOf(code, prefix, withStarts)
  if (!off && cache.has(key)) return reuse(cache.get(key), code, prefix)
  const parsed = parse(fileName, code)
  let scan: ChunkScan | undefined
  if (parsed) {
    scan = { placeholders: [], starts: [] }
    walk(parsed.program, {
      Literal: (n) => {
        if (typeof n.value !== 'string' || !n.value.startsWith(prefix) || !n.value.endsWith('__')) return
        scan!.placeholders.push({ start: n.start, end: n.end, ref: n.value.slice(prefix.length, -2) })
      },
    })
    if (withStarts) scan.starts = supervisorStarts(parsed.program.body).map((n) => n.start)
  }
  if (!off) cache.set(key, scan)
  return scan
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
