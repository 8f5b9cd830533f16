// Glue that lives inside a classic script's IIFE: its names are in that function's scope, not the
// module's, so the rewrite puts what needs them inside the IIFE too (see ScriptBody.insert).
import type { Node } from './ast.js'

export interface ScriptBody {
  body: Node[]
  /** Where code using the IIFE's names goes: before its final `return`, else at the end of its body. */
  insert: number
}

/** `let wasm_bindgen = (function (exports) { … })(…)` (newer) or `let wasm_bindgen; (function () { … })()` (older). */
export function noModulesBody(body: Node[]): ScriptBody | undefined {
  for (const s of body) {
    const call = s.type === 'VariableDeclaration' ? s.declarations[0]?.init : s.type === 'ExpressionStatement' ? s.expression : undefined
    const fn = call?.type === 'CallExpression' ? call.callee : undefined
    if (fn?.type === 'FunctionExpression') return { body: fn.body.body, insert: insertPoint(fn.body) }
  }
  return undefined
}

/**
 * esbuild's IIFE of a package: `["use strict";] var X = (() => { …; return __toCommonJS(ns); })();`,
 * the only statement, helpers by any name. The IIFE's body, the global, the namespace's name, the function.
 */
export function iifeScript(body: Node[]): (ScriptBody & { global: string; namespace: string; fn: Node }) | undefined {
  const rest = body.filter((s) => !(s.type === 'ExpressionStatement' && s.directive))
  const v = rest.length === 1 && rest[0]!.type === 'VariableDeclaration' && rest[0]!.declarations.length === 1 ? rest[0]!.declarations[0] : undefined
  const call = v?.id.type === 'Identifier' ? v.init : undefined
  const fn = call?.type === 'CallExpression' && call.arguments.length === 0 ? call.callee : undefined
  if (!fn || !/^(ArrowFunctionExpression|FunctionExpression)$/.test(fn.type) || fn.params.length || fn.body.type !== 'BlockStatement') return undefined
  const last = fn.body.body.at(-1)
  const ns = last?.type === 'ReturnStatement' && last.argument?.type === 'CallExpression' && last.argument.arguments.length === 1 ? last.argument.arguments[0] : undefined
  if (ns?.type !== 'Identifier') return undefined
  return { body: fn.body.body.slice(0, -1), insert: last.start, global: v.id.name, namespace: ns.name, fn }
}

function insertPoint(block: Node): number {
  const last = block.body.at(-1)
  return last?.type === 'ReturnStatement' ? last.start : block.end - 1
}
