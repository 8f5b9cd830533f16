// The per-export code the rewrite emits beside the factory: guards of the raw wasm exports, guards of
// class methods, and the module's facades (parts, see split.ts, register through theirs).
import { spelledNames } from '../detect/ast.js'
import type { Glue, GlueExport } from '../detect/glue.js'
import { printTemplate } from './print.js'
import { FOLDED } from './fold.js'
import { MAKER, type Part, type SplitPlan } from './split.js'
import { exportGuard, facade as facadeTemplate, methodGuard } from './templates.js'

const INTERNAL = /^(__wbg_|__wbindgen_|__wbr_)/
const IDENT = /^[A-Za-z_$][\w$]*$/
const RESERVED = new Set(['default', 'delete', 'new', 'class', 'function', 'in', 'for', 'if', 'do', 'var', 'let', 'const', 'enum', 'await', 'yield', 'import', 'export', 'super', 'this', 'typeof', 'void', 'with', 'while', 'return', 'switch', 'case', 'throw', 'try', 'catch', 'finally', 'break', 'continue', 'debugger', 'instanceof', 'null', 'true', 'false'])

/** Rollback with per-call checkpoints: code for the outermost entry, and after a read-only call's success. */
export interface Auto {
  readOnly: Set<string>
}

/** The classes whose own methods have their guards inline: name → `kind + key` of each. */
export type Inlined = ReadonlyMap<string, ReadonlySet<string>>

/** How the export guards are printed (TOUCH, CURRENT: see templates.ts; `current` is policy 'rollback', whose entries also count their depth); `skip`: exports passed raw (direct-calls.ts). */
export interface GuardFlags {
  touch: boolean
  current: boolean
  skip: ReadonlySet<string>
}

/** The export's local in the output: its own name where that is a usable identifier. */
export function facadeLocal(e: GlueExport, i: number): string {
  return IDENT.test(e.name) && !RESERVED.has(e.name) && e.name !== 'wasm_bindgen' ? e.name : `__wbr_x${i}`
}

/**
 * Guards for the raw wasm exports, generated per export with its fixed arity: each is its own function,
 * so every call site inside stays monomorphic (a shared guard per arity costs ~10 ns per call).
 * `skip`: those a part registers with itself.
 */
export function exportGuardEntries(glue: Glue, flags: GuardFlags, keys: readonly string[]): string {
  // one the glue calls only inside a guard of ours (direct-calls.ts) is passed raw: no second guard
  return keys
    .map((name) => `${JSON.stringify(name)}: ${flags.skip.has(name) ? `x[${JSON.stringify(name)}]` : printTemplate(exportGuard, { name: '', key: name, arity: glue.wasm.exportArity[name], flags: { TOUCH: flags.touch, CURRENT: flags.current } })}`)
    .join(',\n')
}

/**
 * `owned`: those a part registers with itself. An export the glue never names (photon's `rgba_get_red`)
 * gets none: nothing of the glue calls it, and the runtime guards whatever the literal lacks (bind).
 */
export function exportGuards(glue: Glue, flags: GuardFlags, owned: ReadonlySet<string> | undefined): string {
  const named = spelledNames(glue.parsed.program)
  const keys = Object.keys(glue.wasm.exportArity).filter((k) => !owned?.has(k) && named.has(k))
  return `function __wbr_guards(g, x) { return {\n${exportGuardEntries(glue, flags, keys)}\n}; }`
}

/**
 * One class's method guards, as lines of the patch function's body; `own`: those written into the class
 * (inline-methods.ts). None when no method is left to patch.
 */
function classPatch(cls: GlueExport, auto: Auto | null, own: ReadonlySet<string> | undefined, depth: boolean): string[] {
  const guards: string[] = []
  for (const m of cls.methods ?? []) {
    if (m.arity === undefined || own?.has(m.kind + m.key)) continue
    const flags = { AUTO: auto !== null, READ_ONLY: auto?.readOnly.has(`${cls.name}.${m.key}`) ?? false, FREE: m.key === 'free', DEPTH: depth, STREAK: depth }
    const guard = printTemplate(methodGuard, { name: '', key: m.key, label: `${cls.name}.${m.key}`, arity: m.arity, flags })
    guards.push(`w(p, ${JSON.stringify(m.key)}, ${JSON.stringify(m.kind)}, (f) => ${guard});`)
  }
  return guards.length ? [`p = ns[${JSON.stringify(cls.name)}].prototype;`, ...guards] : []
}

/**
 * Guards for class methods and accessors, generated per method like the export guards; parts bring their
 * own. Empty when every method has its guard inline: the runtime then only marks the prototypes.
 */
export function methodGuards(glue: Glue, auto: Auto | null, plan: SplitPlan | null, inline: Inlined, depth: boolean): string {
  const split = new Set(plan?.parts.map((p) => p.exp.name))
  const lines = glue.exports.filter((e) => e.kind === 'class' && !split.has(e.name)).flatMap((c) => classPatch(c, auto, inline.get(c.name), depth))
  return lines.length ? `function __wbr_patch(g, ns, w) { const s = g.sup; let p;\n${lines.join('\n')}\n}` : ''
}

/**
 * The facades. `late`: the first instance may not exist yet when the module body runs (no top-level
 * await). `early` must run before the first generation is made: the parts' registrations.
 */
export function facades(glue: Glue, esm: boolean, late: boolean, auto: Auto | null, plan: SplitPlan | null, flags: GuardFlags, inline: Inlined): { early: string[]; rest: string[] } {
  const out: string[] = []
  const early: string[] = []
  const names: [string, string][] = []
  const parts = new Map(plan?.parts.map((p) => [p.exp.name, p]))
  const byLocal = new Map(glue.exports.map((e, i) => [e.local, facadeLocal(e, i)]))
  const namespaces: string[] = []
  // one binding exported under two names (automerge's `RawString = ImmutableString`) has one facade, as it is one object
  const made = new Map<string, string>()
  glue.exports.forEach((e, i) => {
    if (e.name.startsWith('__wbr_')) return
    // older nodejs glue exports its instance's exports (`module.exports.__wasm = wasm`): the live generation's, read when read
    if (!esm && e.name === '__wasm' && glue.target !== 'no-modules')
      return void out.push('Object.defineProperty(module.exports, "__wasm", { enumerable: true, configurable: true, get: () => __wbr.current.ns.__wasm });')
    const part = parts.get(e.name)
    const twin = part ? undefined : made.get(e.local)
    if (twin) return void names.push([e.name, twin])
    const local = facadeLocal(e, i)
    if (!part) made.set(e.local, local)
    names.push([e.name, local])
    if (part) return void early.push(registration(glue, part, auto, flags, inline.get(e.name)))
    // the package's namespace object holds the same facades as its named exports, not the first generation's
    if (e.members?.every((m) => byLocal.has(m.local) && m.local !== e.local)) {
      const getters = e.members.map((m) => `get ${JSON.stringify(m.key)}() { return ${byLocal.get(m.local)}; }`)
      return void namespaces.push(`const ${local} = /* @__PURE__ */ Object.freeze({ __proto__: null, ${getters.join(', ')} });`)
    }
    const code = facade(glue, e, local, auto, flags.current)
    // a value read before the first instance exists is read again once it does (live ES binding)
    if (late && code.startsWith('const ') && code.includes('__wbr.value(')) {
      const read = `__wbr.value(${JSON.stringify(e.name)})`
      out.push(`let ${local} = ${read};`, `__wbr.ready.then(() => { ${local} = ${read}${esm ? '' : `; module.exports[${JSON.stringify(e.name)}] = ${local}`}; });`)
    } else out.push(code)
  })
  out.push(...namespaces)
  if (glue.target === 'no-modules') {
    // the script's global becomes the module's default export: a bundle has no script scope to share
    const props = names.filter(([n]) => n !== 'default').map(([n, l]) => `${JSON.stringify(n)}: ${l}`)
    const init = names.find(([n]) => n === 'default')![1]
    out.push(`const wasm_bindgen = Object.assign(${init}, { ${props.join(', ')} });`, 'export default wasm_bindgen;')
  } else if (!esm) for (const [n, l] of names) out.push(`module.exports[${JSON.stringify(n)}] = ${l};`)
  else if (names.length)
    out.push(`export { ${names.map(([n, l]) => (l === n ? l : `${l} as ${IDENT.test(n) ? n : JSON.stringify(n)}`)).join(', ')} };`)
  if (glue.scriptGlobal) {
    // the global a <script> of it declares, as it did; also the default export (a bundle shares no script scope)
    out.push(`const __wbr_global = { ${names.map(([n, l]) => `${JSON.stringify(n)}: ${l}`).join(', ')} };`, `globalThis[${JSON.stringify(glue.scriptGlobal)}] = __wbr_global;`)
    if (!names.some(([n]) => n === 'default')) out.push('export default __wbr_global;')
  }
  return { early, rest: out }
}

/**
 * A part's registration: pure, so that a bundler drops it (and its maker) when the facade is unused.
 * `() => [deps]` is never called: it keeps the parts this one uses alive with it.
 */
function registration(glue: Glue, p: Part, auto: Auto | null, flags: GuardFlags, own: ReadonlySet<string> | undefined): string {
  const e = p.exp
  const key = JSON.stringify(e.name)
  const deps = p.deps.length ? `() => [${p.deps.join(', ')}]` : 'null'
  const guards = p.ownWasm.length ? `(g, x) => ({\n${exportGuardEntries(glue, flags, p.ownWasm)}\n})` : 'undefined'
  if (e.kind === 'class') {
    const lines = classPatch(e, auto, own, flags.current)
    const patch = lines.length ? `(g, ns, w) => { const s = g.sup; let p;\n${lines.join('\n')}\n}` : 'undefined'
    // sealed: every method of its own has its guard inline, the run time only marks its prototype
    return `const ${e.name} = /* @__PURE__ */ __wbr.cls(${key}, ${MAKER(e.local)}, ${deps}, ${JSON.stringify(e.statics ?? [])}, ${patch}, ${guards}${own ? ', true' : ''});`
  }
  if (p.folded) return `const ${e.name} = /* @__PURE__ */ __wbr.fn(${key}, null, ${deps}, ${FOLDED(e.local)}, ${guards});`
  const f = printTemplate(facadeTemplate, { name: e.name, key: e.name, arity: e.arity, flags: facadeFlags(e, auto, flags.current) })
  return `const ${e.name} = /* @__PURE__ */ __wbr.fn(${key}, ${MAKER(e.local)}, ${deps}, ${f}, ${guards});`
}

/** A facade's flags: its per-call checkpoints, and its depth counted (both rollback only; see templates.ts). */
const facadeFlags = (e: GlueExport, auto: Auto | null, depth: boolean) => ({ AUTO: auto !== null, READ_ONLY: auto?.readOnly.has(e.name) ?? false, DEPTH: depth })

function facade(glue: Glue, e: GlueExport, local: string, auto: Auto | null, depth: boolean): string {
  const key = JSON.stringify(e.name)
  if (glue.bind === 'init' && e.name === 'default') return `function ${local}(arg) { return __wbr.init(arg); }`
  if (glue.bind === 'init' && e.name === 'initSync') return `function ${local}(arg) { return __wbr.initSync(arg); }`
  if (glue.bind === 'init' && e.name === glue.init?.wrapper) return `function ${local}(arg) { return __wbr.init(arg); }`
  // upstream's reset (reset-state glue) makes a fresh generation of ours: one machinery, never two
  if (e.name === '__wbg_reset_state') return `function ${local}() { __wbr.resetSync(); }`
  // a package's own loader (tiktoken's init, its CommonJS entry) may still hand over an instance it
  // made: ours is bound already, so that hand-over is a no-op; the wasm imports stay available to it
  if (e.name === '__wbg_set_wasm') return `function ${local}(_) {}`
  // pure: an export the app does not import is dropped with its facade (valueExport's class patching
  // concerns only a class someone uses)
  if (INTERNAL.test(e.name) || e.kind === 'value') return `const ${local} = /* @__PURE__ */ __wbr.value(${key});`
  if (e.kind === 'class') return `const ${local} = /* @__PURE__ */ __wbr.facadeClass(${key}, ${JSON.stringify(e.statics ?? [])});`
  // generated per export with its fixed arity: no rest arguments, no allocation on the happy path
  return printTemplate(facadeTemplate, { name: local, key: e.name, arity: e.arity, flags: facadeFlags(e, auto, depth) })
}
