// The method guards the rewrite writes into the glue's classes (core's rewrite/inline-methods.ts), on
// edge shapes read off the rewritten code: returns of nested functions left alone, a sequence returned
// whole, minified `return!0`, a class with a computed key left to the run-time patch.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { detectGlue, rewriteGlue } from '@wasm-recovery/unplugin'
import { parseAst } from 'rollup/parseAst'
import { describe, expect, it } from 'vitest'
import { FIXTURES } from '../helpers/bundle.js'

const NODEJS = join(FIXTURES, 'abort', 'nodejs', 'wr_fixture.js')
const code = readFileSync(NODEJS, 'utf8')

function rewrite(src: string): string {
  const glue = detectGlue(NODEJS, src)
  if (glue?.kind !== 'glue') throw new Error('not glue')
  return rewriteGlue(src, NODEJS, glue, {
    runtimeId: '@wasm-recovery/runtime/internal', source: '__wbr_rt.inlineWasm("AGFzbQ")', policy: 'reinit',
    rollback: { checkpoint: 'call', maxMemory: 1, readOnly: [], escalateAfter: 2 }, maxConsecutiveAborts: 20,
    moduleName: 'wr_fixture', mark: '/* wasm-recovery */', topLevelAwait: true,
  }).code
}

/** The fixture's Counter with extra methods added at the start of its body. */
const withMethods = (methods: string) => {
  const out = code.replace('class Counter {\n', `class Counter {\n${methods}\n`)
  expect(out).not.toBe(code)
  return out
}

/** One method's text in the output: from its name to the next method of the fixture. */
function method(out: string, name: string, next: string): string {
  const at = out.indexOf(`${name}(`)
  return out.slice(at, out.indexOf(`${next}(`, at))
}

describe('inline method guards, edge shapes', () => {
  it('a return inside a nested function or arrow is not the method\'s own: left as it is', () => {
    const out = rewrite(withMethods('    mapped() { const f = function () { return [1]; }; const g = () => { return [2]; }; return [f(), g()]; }'))
    const m = method(out, 'mapped', '__destroy_into_raw')
    expect(m).toContain('function () { return [1]; }')
    expect(m).toContain('() => { return [2]; }')
    expect(m).toContain('return  __wbr_su.done(__wbr_g, [f(), g()])')
    expect(m.match(/__wbr_su\.done\(/g)).toHaveLength(1)
  })

  it('a sequence expression is returned whole, in parentheses; a bare return and a primitive (an operator\'s result, a literal) are returned as they are', () => {
    const out = rewrite(withMethods('    seq() { let a = 0; if (a) return; if (a > 1) return a >>> 0; if (a > 2) return /x/; return a++, a; }'))
    const m = method(out, 'seq', '__destroy_into_raw')
    expect(m).toContain('return  __wbr_su.done(__wbr_g, (a++, a))')
    expect(m).toContain('if (a) return;')
    expect(m).toContain('return a >>> 0;')
    // a regex literal is an object
    expect(m).toContain('return  __wbr_su.done(__wbr_g, /x/)')
    // the result still parses, and the method stays a method of the class
    expect(() => parseAst(out)).not.toThrow()
  })

  it('minified returns: `return[1]`, `return{a:1}` get a space before the call; `return!0` stays as it is', () => {
    const out = rewrite(withMethods('    yes(){return!0}\n    list(){return[1]}\n    text(){return{a:1}}'))
    expect(method(out, 'yes', 'list')).toContain('return!0')
    expect(method(out, 'list', 'text')).toContain('return __wbr_su.done(__wbr_g, [1])')
    expect(method(out, 'text', '__destroy_into_raw')).toContain('return __wbr_su.done(__wbr_g, {a:1})')
    expect(() => parseAst(out)).not.toThrow()
  })

  it('a class with a computed key keeps the run-time patch for all its methods (all or nothing)', () => {
    const out = rewrite(withMethods('    ["odd" + "key"]() { return 1; }'))
    expect(out).not.toContain('__wbr_su.done(')
    expect(out).not.toMatch(/sealed: \["Counter"\]/)
    expect(out).toContain('w(p, "increment", "method"')
  })
})
