// Folded facades (core's rewrite/fold.ts): an exported function moved out of the factory that nothing
// else calls has its body in its facade; the others keep their maker. Read off the rewritten code.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { detectGlue, rewriteGlue } from '@wasm-recovery/unplugin'
import { describe, expect, it } from 'vitest'
import { FIXTURES } from '../helpers/bundle.js'

const BUNDLER = join(FIXTURES, 'abort', 'bundler', 'wr_fixture_bg.js')
const fixture = readFileSync(BUNDLER, 'utf8')

function rewrite(code: string, policy: 'reinit' | 'rollback' = 'reinit'): string {
  const glue = detectGlue(BUNDLER, code)
  if (glue?.kind !== 'glue') throw new Error('not glue')
  return rewriteGlue(code, BUNDLER, glue, {
    runtimeId: '@wasm-recovery/runtime/internal', source: '__wbr_rt.inlineWasm("AGFzbQ")', policy,
    rollback: { checkpoint: 'call', maxMemory: 1, readOnly: [], escalateAfter: 2 }, maxConsecutiveAborts: 20,
    moduleName: 'wr_fixture', mark: '/* wasm-recovery */', topLevelAwait: true,
  }).code
}

/** The folded facade of `name`, from its declaration to the end of its statement. */
function folded(out: string, name: string): string | undefined {
  const start = out.indexOf(`const __wbr_f_${name} = function ${name}(`)
  return start < 0 ? undefined : out.slice(start, out.indexOf('};\n', start) + 2)
}

describe('folded facades', () => {
  it("an exported function's body becomes its facade: no maker, its returns settled, the live generation bound per call", () => {
    const out = rewrite(fixture)
    const add = folded(out, 'add')!
    expect(add).toMatch(/^const __wbr_f_add = function add\(a, b\) \{let __wbr_g = __wbr\.current; if \(__wbr_g\.state !== 0\) __wbr_g = __wbr\.live\(\); const __wbr_s = __wbr_g\.ns;/)
    expect(add).toContain('return  __wbr.ok(__wbr_g, ret >>> 0);')
    // no depth counted: the abort is settled by the next entry or a microtask (runtime abort-flow.ts)
    expect(add).toContain('catch (e) { throw __wbr.fail(__wbr_g, e, "add", [a, b]); } };')
    expect(add).not.toContain("depth")
    expect(out).not.toContain('function __wbr_m_add(')
    expect(out).toContain('const add = /* @__PURE__ */ __wbr.fn("add", null, null, __wbr_f_add, ')
    // the folded facade is declared before its registration runs (after the factory, before createSupervisor)
    expect(out.indexOf('const __wbr_f_add =')).toBeLessThan(out.indexOf('__wbr.fn("add"'))
    // a glue helper it calls is read through the namespace of the generation it bound
    expect(folded(out, 'greet')).toContain('__wbr_s.passStringToWasm0(name, ')
  })

  it('a function another export calls keeps its maker (the namespace slot it fills is read)', () => {
    const code = fixture + '\nexport function calls_add() { return add(1, 2); }\n'
    const out = rewrite(code)
    expect(folded(out, 'add')).toBeUndefined()
    expect(out).toContain('function __wbr_m_add(__wbr_s, __wbr_g)')
    expect(out).toContain('__wbr_s.add(1, 2)')
    expect(folded(out, 'calls_add')).toBeDefined()
  })

  it("a function reading `this` or `arguments` keeps its maker (the facade's would differ)", () => {
    const code = fixture + '\nexport function uses_args() { return arguments.length; }\nexport function uses_this() { return this; }\n'
    const out = rewrite(code)
    for (const name of ['uses_args', 'uses_this']) {
      expect(folded(out, name), name).toBeUndefined()
      expect(out, name).toContain(`function __wbr_m_${name}(__wbr_s, __wbr_g)`)
    }
  })

  it('policy rollback keeps facade and maker apart (per-call checkpoint flags, instances swapped under a live generation)', () => {
    const out = rewrite(fixture, 'rollback')
    expect(out).not.toContain('__wbr_f_')
    expect(out).toContain('function __wbr_m_add(__wbr_s, __wbr_g)')
  })
})
