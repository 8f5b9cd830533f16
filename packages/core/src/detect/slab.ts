import { walk, type Node } from './ast.js'

/** The glue's JS heap slab (CLIs before externref tables), by the names the body gives it. */
export interface HeapSlab {
  heap: string
  next: string
  /** The borrowed-object stack's pointer (`stack_pointer`), when the glue has one. */
  sp?: string
}

const isNumber = (n: Node | undefined): n is Node => n?.type === 'Literal' && typeof n.value === 'number'

/**
 * Found by shape, so that minified glue (`var w=new Array(128).fill(void 0); … var p=w.length`) has one too:
 * `heap = new Array(N).fill(undefined)`, `heap_next = heap.length`, and the `stack_pointer = N` that
 * `heap[--stack_pointer] = obj` counts down. Rollback saves and restores these with the memory.
 */
export function heapSlab(declared: Map<string, Node>, program: Node): HeapSlab | undefined {
  let heap: string | undefined
  let size: number | undefined
  for (const [name, d] of declared) {
    const i = d.type === 'VariableDeclarator' ? d.init : undefined
    const alloc = i?.type === 'CallExpression' && i.callee.type === 'MemberExpression' && !i.callee.computed && i.callee.property.name === 'fill' ? i.callee.object : undefined
    if (alloc?.type === 'NewExpression' && alloc.callee.type === 'Identifier' && alloc.callee.name === 'Array' && isNumber(alloc.arguments[0])) {
      heap = name
      size = alloc.arguments[0].value
      break
    }
  }
  if (!heap) return undefined
  let next: string | undefined
  for (const [name, d] of declared) {
    const i = d.type === 'VariableDeclarator' ? d.init : undefined
    if (i?.type === 'MemberExpression' && !i.computed && i.object.type === 'Identifier' && i.object.name === heap && i.property.name === 'length') next = name
  }
  if (!next) return undefined
  let sp: string | undefined
  walk(program, {
    MemberExpression: (m) => {
      const u = m.property
      if (!m.computed || m.object.type !== 'Identifier' || m.object.name !== heap || u.type !== 'UpdateExpression' || u.operator !== '--' || !u.prefix) return
      const d = u.argument.type === 'Identifier' ? declared.get(u.argument.name) : undefined
      if (d?.type === 'VariableDeclarator' && isNumber(d.init) && d.init.value === size) sp = u.argument.name
    },
  })
  return { heap, next, sp }
}
