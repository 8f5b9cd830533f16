// Which exports the rewrite moves out of the factory so that a bundler can drop them (core's
// rewrite/split.ts), read off the rewritten code: what stays pinned, and how a part reaches the glue.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { detectGlue, rewriteGlue } from '@wasm-recovery/unplugin'
import { describe, expect, it } from 'vitest'
import { FIXTURES, TEST_DIR } from '../helpers/bundle.js'

const BUNDLER = join(FIXTURES, 'abort', 'bundler', 'wr_fixture_bg.js')
const PHOTON = join(TEST_DIR, 'node_modules', '@silvia-odwyer', 'photon', 'photon_rs_bg.js')

function rewrite(file: string, code = readFileSync(file, 'utf8')): string {
  const glue = detectGlue(file, code)
  if (glue?.kind !== 'glue') throw new Error(`${file}: not glue`)
  return rewriteGlue(code, file, glue, {
    runtimeId: '@wasm-recovery/runtime/internal', source: '__wbr_rt.inlineWasm("AGFzbQ")', policy: 'reinit',
    rollback: { checkpoint: 'call', maxMemory: 1, readOnly: [], escalateAfter: 2 }, maxConsecutiveAborts: 20,
    moduleName: 'wr_fixture', mark: '/* wasm-recovery */', topLevelAwait: true,
  }).code
}

/** The factory's returned namespace (the last `return` before the factory closes). */
function namespace(out: string): string {
  const end = Math.min(...['\nfunction __wbr_m_', '\nconst __wbr_f_'].map((m) => out.indexOf(m)).filter((i) => i >= 0))
  const start = out.lastIndexOf('\nreturn ', end)
  return out.slice(start, out.indexOf('\n', start + 1))
}

/** Moved out of the factory: into a maker, or (a function nothing else calls) folded into its facade (fold.ts). */
const isPart = (out: string, name: string) => out.includes(`function __wbr_m_${name}(__wbr_s`) || out.includes(`const __wbr_f_${name} = function ${name}(`)

describe('tree-shakeable parts', () => {
  it('bundler glue: every function and class export becomes a part, registered by a pure call', () => {
    const out = rewrite(BUNDLER)
    for (const name of ['add', 'greet', 'panic_now', 'Counter']) expect(isPart(out, name), name).toBe(true)
    expect(out).toContain('const add = /* @__PURE__ */ __wbr.fn("add", null, null, __wbr_f_add, ')
    expect(out).toContain('const Counter = /* @__PURE__ */ __wbr.cls("Counter", __wbr_m_Counter, ')
    const ns = namespace(out)
    // a class's slot is filled by its maker; a folded function has none (nothing fills or reads it)
    expect(ns).toContain('"Counter": void 0')
    expect(ns).not.toContain('"add"')
    // `let wasm`, set only by `wasm = val` in __wbg_set_wasm: a data property of the namespace that the
    // assignment keeps in step (no getter on the hot path), so each generation's parts see its own
    expect(ns).toMatch(/^\nreturn __wbr_ns = \{ [^\n]*\bwasm\b/)
    expect(ns).not.toContain('wasm: { get()')
    expect(out).toContain('wasm = __wbr_ns.wasm = val')
    expect(out).toContain('let __wbr_ns = {};')
    // registrations come before the first generation is made
    expect(out.indexOf('__wbr.fn("add"')).toBeLessThan(out.indexOf('await __wbr.start();'))
    // the class's attached statement went into its maker, not left in the factory
    const maker = out.slice(out.indexOf('function __wbr_m_Counter('), out.indexOf('\n}', out.indexOf('return Counter;')))
    expect(maker).toContain('Counter.prototype[Symbol.dispose] = Counter.prototype.free')
  })

  it('an export that code staying in the factory uses stays there too (it would see the facade otherwise)', () => {
    const code = readFileSync(BUNDLER, 'utf8') + '\nexport function __wbg_extra_0123456789abcdef() { return add(1, 2); }\n'
    const out = rewrite(BUNDLER, code)
    expect(isPart(out, 'add')).toBe(false)
    expect(namespace(out)).toContain('"add": add')
    expect(isPart(out, 'greet')).toBe(true)
  })

  it('a part that writes a binding the glue reassigns gets a setter; one that writes a const stays in the factory', () => {
    // photon 0.3.11 (CLI 0.2.68): `heap[stack_pointer++] = undefined` in its exported functions
    const photon = rewrite(PHOTON)
    expect(isPart(photon, 'get_image_data')).toBe(true)
    expect(namespace(photon)).toContain('stack_pointer: { get() { return stack_pointer; }, set(v) { stack_pointer = v; } }')
    const code = readFileSync(BUNDLER, 'utf8') + '\nconst FIXED = 1;\nexport function writes_const() { FIXED = 2; }\n'
    const out = rewrite(BUNDLER, code)
    expect(isPart(out, 'writes_const')).toBe(false)
    expect(isPart(out, 'add')).toBe(true)
  })

  it('a wasm export the glue never names gets no generated guard (the runtime guards what the literal lacks)', () => {
    const out = rewrite(PHOTON)
    const guards = out.slice(out.indexOf('function __wbr_guards('), out.indexOf('const __wbr = '))
    expect(readFileSync(PHOTON, 'utf8')).not.toContain('rgba_get_red')
    expect(out).not.toContain('rgba_get_red')
    expect(guards).toContain('"__wbindgen_malloc": function (a0)')
  })

  it('CommonJS glue (nodejs target): a declaration exported by its own `exports.X = X;` moves out too; the namespace is the glue\'s module.exports', () => {
    const out = rewrite(join(FIXTURES, 'abort', 'nodejs', 'wr_fixture.js'))
    for (const name of ['add', 'greet', 'Counter']) expect(isPart(out, name), name).toBe(true)
    // the export statements went with their parts: the facades are the module's exports now
    expect(out).not.toMatch(/^exports\.(add|Counter) = /m)
    expect(out).toContain('module.exports["add"] = add;')
    const ns = namespace(out)
    expect(ns).toMatch(/^\nreturn __wbr_ns = Object\.assign\(module\.exports, \{ "Counter": void 0, [^\n]*\bwasm\b/)
  })

  it('CommonJS glue: a declaration that reads `module`/`exports`, or one the glue reads back as `exports.X`, stays in the factory', () => {
    const file = join(FIXTURES, 'abort', 'nodejs', 'wr_fixture.js')
    const code = readFileSync(file, 'utf8')
      .replace('function drop_count() {', 'function drop_count() {\n    void module.exports;')
      .concat('\nfunction __wbg_reads_back() { return exports.start_count(); }\n')
    const out = rewrite(file, code)
    expect(isPart(out, 'drop_count')).toBe(false)
    expect(isPart(out, 'start_count')).toBe(false)
    expect(out).toMatch(/^exports\.drop_count = drop_count;$/m)
    expect(out).toMatch(/^exports\.start_count = start_count;$/m)
    expect(isPart(out, 'add')).toBe(true)
  })

  it("CommonJS glue: an import the wasm calls that wraps a class (lol-html's `module.exports.__wbg_comment_new = … Comment.__wrap(…)`) stays, and so does the class", () => {
    const file = join(FIXTURES, 'abort', 'nodejs', 'wr_fixture.js')
    const code = readFileSync(file, 'utf8').concat('\nmodule.exports.__wbg_counter_new = function(arg0) {\n    const ret = Counter.__wrap(arg0);\n    return ret;\n};\n')
    const out = rewrite(file, code)
    expect(isPart(out, 'Counter')).toBe(false)
    // in the factory, where `module` is the glue's own (its exports are the instance's import object)
    const factoryEnd = out.indexOf('\nfunction __wbr_m_')
    const at = out.indexOf('module.exports.__wbg_counter_new = function')
    expect(at).toBeGreaterThan(out.indexOf('function __wbr_factory('))
    expect(factoryEnd < 0 || at < factoryEnd).toBe(true)
    expect(isPart(out, 'add')).toBe(true)
  })

  it("CommonJS glue that exports its instance (`module.exports.__wasm = wasm`, CLI < 0.2.9x): the export reads the live generation's", () => {
    const file = join(FIXTURES, 'abort', 'nodejs', 'wr_fixture.js')
    const out = rewrite(file, readFileSync(file, 'utf8').concat('\nmodule.exports.__wasm = wasm;\n'))
    expect(out).toContain('Object.defineProperty(module.exports, "__wasm", { enumerable: true, configurable: true, get: () => __wbr.current.ns.__wasm });')
    expect(out).not.toContain('module.exports["__wasm"] =')
  })
})
