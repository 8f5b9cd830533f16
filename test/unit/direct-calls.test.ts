// Which wasm calls of the glue go straight to the instance's raw export (core's rewrite/direct-calls.ts),
// read off the rewritten code: only those a guard of ours surrounds and whose throw leaves the function at once.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { detectGlue, rewriteGlue } from '@wasm-recovery/unplugin'
import { describe, expect, it } from 'vitest'
import { FIXTURES } from '../helpers/bundle.js'

const NODEJS = join(FIXTURES, 'abort', 'nodejs', 'wr_fixture.js')
const WEB = join(FIXTURES, 'abort', 'web', 'wr_fixture.js')

function rewrite(file: string, code: string, policy: 'reinit' | 'poison' | 'rollback' = 'reinit'): string {
  const glue = detectGlue(file, code)
  if (glue?.kind !== 'glue') throw new Error(`${file}: not glue`)
  return rewriteGlue(code, file, glue, {
    runtimeId: '@wasm-recovery/runtime/internal', source: '__wbr_rt.inlineWasm("AGFzbQ")', policy,
    rollback: { checkpoint: 'call', maxMemory: 1, readOnly: [], escalateAfter: 2 }, maxConsecutiveAborts: 20,
    moduleName: 'wr_fixture', mark: '/* wasm-recovery */', topLevelAwait: true,
  }).code
}

/** The text of the glue's function `name` in the output: where it stands, or folded into its facade (fold.ts). */
function fn(out: string, name: string): string {
  const folded = out.indexOf(`const __wbr_f_${name} = function ${name}(`)
  if (folded >= 0) return out.slice(folded, out.indexOf('} };\n', folded) + 4)
  const at = out.indexOf(`function ${name}(`)
  expect(at, name).toBeGreaterThanOrEqual(0)
  return out.slice(at, out.indexOf('\n}', at) + 2)
}

/**
 * The calls of a piece of code, as `object.name(`: the glue's own (a facade's calls of the supervisor left
 * out; a name a moved part reads through the namespace, `__wbr_s.wasm`, as the glue wrote it).
 */
const calls = (text: string) =>
  [...text.matchAll(/([\w.]+)\.(\w+)\(/g)].map((m) => `${m[1]}.${m[2]}`.replace(/^__wbr_s\./, '')).filter((c) => !c.startsWith('__wbr.'))

describe('direct wasm calls', () => {
  const code = readFileSync(NODEJS, 'utf8')

  it("an exported function calls its export raw; in a try … finally, the block's calls too (a catch of ours makes the trap the abort first), the finally's keep their guard", () => {
    const out = rewrite(NODEJS, code)
    expect(calls(fn(out, 'add'))).toEqual(['__wbr_g.raw.add'])
    const greet = fn(out, 'greet')
    expect(calls(greet)).toContain('__wbr_g.raw.greet')
    expect(greet).toContain('} catch (__wbr_e) { throw __wbr_g.trap(__wbr_e); } finally {')
    // the finally runs after the trap: its call is guarded, and refuses the dead instance
    expect(greet.slice(greet.indexOf('finally {'))).toContain('wasm.__wbindgen_free(')
    // a wasm function passed as a value is called by a helper outside any guard of ours: it stays guarded
    const asyncPanic = fn(out, 'async_panic')
    expect(asyncPanic).toContain('passStringToWasm0(msg, __wbr_s.wasm.__wbindgen_malloc, __wbr_s.wasm.__wbindgen_realloc)')
    expect(calls(asyncPanic)).toContain('__wbr_g.raw.async_panic')
    // moved out of the factory and folded (fold.ts), the function binds the live generation per call
    expect(fn(out, 'add')).toContain('let __wbr_g = __wbr.current;')
    expect(out).not.toMatch(/^const __wbr_g = __wbr_ctx\.gen\b/m)
  })

  it('a call in a try with a catch keeps its guard (the catch may swallow the trap), and that try gets no catch of ours', () => {
    const changed = code.replace('function drop_count() {\n    const ret = wasm.drop_count();', 'function drop_count() {\n    let ret = 0;\n    try { ret = wasm.drop_count(); } catch (e) { ret = -1; }')
    expect(changed).not.toBe(code)
    const dropCount = fn(rewrite(NODEJS, changed), 'drop_count')
    expect(calls(dropCount)).toContain('wasm.drop_count')
    expect(dropCount).not.toContain('__wbr_g.raw')
    expect(dropCount).not.toContain('__wbr_e')
  })

  it('methods with their guard inline call raw too', () => {
    const out = rewrite(NODEJS, code)
    const cls = out.slice(out.indexOf('class Counter'), out.indexOf('return Counter;'))
    expect(cls).toContain('__wbr_g.raw.counter_increment(this.__wbg_ptr)')
    expect(cls).toContain('__wbr_g.raw.counter_value(this.__wbg_ptr)')
  })

  it('a function the glue itself calls, or a call in a nested function, keeps the export guard', () => {
    const changed = code
      .replace('function drop_count() {\n    const ret = wasm.drop_count();', 'function drop_count() {\n    const read = () => wasm.drop_count();\n    const ret = read();')
      .concat('\nfunction __wbg_uses_add() { return add(1, 2); }\n')
    expect(changed).not.toBe(code)
    const out = rewrite(NODEJS, changed)
    expect(calls(fn(out, 'drop_count'))).toContain('wasm.drop_count')
    expect(fn(out, 'drop_count')).not.toContain('__wbr_g.raw')
    expect(calls(fn(out, 'add'))).toEqual(['wasm.add'])
    // the others are unaffected
    expect(calls(fn(out, 'alloc_huge'))).toEqual(['__wbr_g.raw.alloc_huge'])
  })

  it('an export read only in direct calls is passed raw; one a nested function reads (a finalizer) keeps its guard', () => {
    const out = rewrite(NODEJS, code)
    const guards = out.slice(out.indexOf('function __wbr_guards('), out.indexOf('function __wbr_patch('))
    expect(guards).toContain('"add": x["add"]')
    expect(guards).toContain('"counter_value": x["counter_value"]')
    expect(guards).toMatch(/"__wbg_counter_free": function \(a0, a1\) \{\n\s+if \(g\.state !== 0\)/)
    // greet's own export is called only in its try block: raw; the free in its finally keeps its guard
    expect(guards).toContain('"greet": x["greet"]')
    expect(guards).toMatch(/"__wbindgen_free": function/)
    expect(rewrite(NODEJS, code, 'rollback')).not.toContain('"add": x["add"]')
  })

  it('policy rollback: no direct calls (its instances are swapped under a live generation)', () => {
    const out = rewrite(NODEJS, code, 'rollback')
    expect(out).not.toContain('__wbr_g.raw')
    expect(calls(fn(out, 'add'))).toEqual(['wasm.add'])
  })

  it('web glue: a part calls raw through the generation its facade binds (folded, fold.ts)', () => {
    const out = rewrite(WEB, readFileSync(WEB, 'utf8'))
    const start = out.indexOf('const __wbr_f_add = ')
    const folded = out.slice(start, out.indexOf('};\n', start))
    expect(folded).toMatch(/^const __wbr_f_add = function add\(a, b\) \{let __wbr_g = __wbr\.current;/)
    expect(calls(folded).filter((c) => !c.startsWith('__wbr.'))).toEqual(['__wbr_g.raw.add'])
  })
})
