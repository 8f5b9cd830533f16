import { MagicString } from 'magic-string' // named: the CommonJS build require()s this ES-only package
import { walk, isMember, type Node } from '../detect/ast.js'
import type { Glue, GlueExport } from '../detect/glue.js'
import type { Policy as RuntimePolicy } from '@wasm-recovery/runtime/internal'
import type { RollbackOptions } from '../options.js'
import { twinEntry, twinSource } from './sync-twin.js'
import { printTemplate } from './print.js'
import { expr, serialiseSpec, type EmittedSpec } from './spec.js'
import { exportGuard, facade as facadeTemplate, methodGuard } from './templates.js'

export interface RewriteOptions {
  /** How the emitted code imports the runtime (resolved by the plugin itself). */
  runtimeId: string
  /** A JS expression evaluating to the runtime's `WasmSource`, using `__wbr_rt`. */
  source: string
  /** Extra top-level code the source expression needs (e.g. an asset import). */
  sourcePrelude?: string
  policy: RuntimePolicy
  rollback: Required<RollbackOptions>
  maxConsecutiveAborts: number
  moduleName: string
  /** First line of the output: tells a second pass that this glue is rewritten already. */
  mark: string
  /** Await the first generation at top level (ES modules only). */
  topLevelAwait: boolean
  /** CommonJS glue: an expression for the runtime instead of `require(runtimeId)` (Node's hooks: see @wasm-recovery/node). */
  cjsRuntime?: string
}

/** Globals the glue body sees through the generation context instead. */
const SHADOWED = ['WebAssembly', 'console', 'FinalizationRegistry', 'queueMicrotask']
const INTERNAL = /^(__wbg_|__wbindgen_|__wbr_)/
const IDENT = /^[A-Za-z_$][\w$]*$/
const RESERVED = new Set(['default', 'delete', 'new', 'class', 'function', 'in', 'for', 'if', 'do', 'var', 'let', 'const', 'enum', 'await', 'yield', 'import', 'export', 'super', 'this', 'typeof', 'void', 'with', 'while', 'return', 'switch', 'case', 'throw', 'try', 'catch', 'finally', 'break', 'continue', 'debugger', 'instanceof', 'null', 'true', 'false'])

/**
 * Turns the glue's module body into a factory that builds one complete, fresh glue state per call, and
 * its exports into stable facades that call through the supervisor to the live generation.
 * The body's own code stays as it is (only imports, `export` keywords and the loading of the .wasm
 * change), so one mechanism serves every CLI version.
 */
export function rewriteGlue(code: string, id: string, input: Glue, o: RewriteOptions): { code: string; map: ReturnType<MagicString['generateMap']> } {
  // pure: the exports this rewrite adds (a setter) go to a copy
  const glue: Glue = { ...input, exports: [...input.exports] }
  const s = new MagicString(code)
  const body: Node[] = glue.parsed.program.body
  const esm = glue.format === 'esm'
  const prefix: string[] = []
  const inject: string[] = []
  let setter = '__wbg_set_wasm'

  for (const st of body) {
    if (st.type === 'ImportDeclaration') {
      s.remove(st.start, st.end)
      if (st === glue.wasmImport) {
        const local = st.specifiers[0]?.local.name ?? 'wasm'
        if (glue.target === 'bundler-circular') {
          inject.push(`let ${local};`)
          setter = '__wbr_set_wasm'
          glue.exports.push({ name: setter, local: `(v) => { ${local} = v }`, kind: 'value' })
        } else inject.push(`const ${local} = __wbr_ctx.module;`)
      } else prefix.push(code.slice(st.start, st.end))
    } else if (st.type === 'ExportAllDeclaration' || (st.type === 'ExportNamedDeclaration' && st.source)) {
      s.remove(st.start, st.end)
      prefix.push(code.slice(st.start, st.end))
    } else if (st.type === 'ExportNamedDeclaration') {
      if (st.declaration) s.remove(st.start, st.declaration.start)
      else s.remove(st.start, st.end)
    } else if (st.type === 'ExportDefaultDeclaration') {
      const d = st.declaration
      if (d.id) s.remove(st.start, d.start)
      else if (d.type === 'Identifier') s.remove(st.start, st.end)
      else s.overwrite(st.start, d.start, 'const __wbr_default = ')
    }
  }

  if (glue.bind === 'self') {
    // a loader declarator inside the instantiating declaration stays declared, without its work
    for (const st of glue.loaderStatements) st.type === 'VariableDeclarator' ? s.overwrite(st.init.start, st.init.end, 'void 0') : s.remove(st.start, st.end)
    const { statement, call } = glue.instantiate!
    const imports = call.arguments[1] ? code.slice(call.arguments[1].start, call.arguments[1].end) : '{}'
    const replacement = glue.bgRequire
      ? // `wasm = require('./x_bg')`: x_bg.js's own instance, with this glue as its import module
        `__wbr_ctx.instantiate({ ${JSON.stringify(glue.selfImportModule ?? './' + o.moduleName)}: module.exports }).exports`
      : call.type === 'NewExpression'
        ? `__wbr_ctx.instantiate(${imports})`
        : `{ instance: __wbr_ctx.instantiate(${imports}), module: __wbr_ctx.module }`
    let target: Node = call
    walk(statement, { AwaitExpression: (n) => void (n.argument.start === call.start && n.argument.end === call.end && (target = n)) })
    if (target !== call) s.overwrite(target.start, target.end, `(${replacement})`)
    else s.overwrite(call.start, call.end, replacement)
    const first = glue.loaderStatements[0] ? body.indexOf(glue.loaderStatements[0]) : body.indexOf(statement)
    const inCall = (n: Node) => call.start <= n.start && n.end <= call.end
    for (const st of body.slice(Math.max(0, first), body.indexOf(statement) + 1))
      if (!glue.loaderStatements.includes(st))
        walk(st, { NewExpression: (n) => void (isMember(n.callee, 'WebAssembly', 'Module') && !inCall(n) && s.overwrite(n.start, n.end, '__wbr_ctx.module')) })
  }
  for (const url of glue.defaultUrls) s.overwrite(url.start, url.end, '__wbr_ctx.module')
  // older nodejs glue requires its snippets as require(String.raw`./snippets/…`): no bundler follows
  // that, so it becomes a plain string literal the bundler can resolve
  if (!esm)
    walk(glue.parsed.program, {
      CallExpression: (n) => {
        const a = n.arguments[0]
        if (n.callee.type !== 'Identifier' || n.callee.name !== 'require' || a?.type !== 'TaggedTemplateExpression') return
        if (!isMember(a.tag, 'String', 'raw') || a.quasi.expressions.length) return
        s.overwrite(a.start, a.end, JSON.stringify(a.quasi.quasis[0].value.raw))
      },
    })

  const shadows = SHADOWED.filter((n) => !glue.declared.has(n))
  const header = [
    `function __wbr_factory(__wbr_ctx) {`,
    esm ? '' : `const module = { exports: {} }, exports = module.exports;`,
    // a package's esbuild IIFE: its names are caught inside it, before its `return` (see below)
    glue.scriptGlobal ? 'let __wbr_inner;' : '',
    `const { ${shadows.join(', ')} } = __wbr_ctx;`,
    ...inject,
  ].filter(Boolean)
  const rb = o.policy === 'rollback' ? o.rollback : null
  const entries = [...glue.exports.map((e) => `${JSON.stringify(e.name)}: ${e.local}`), ...initEntries(glue)]
  const ret = glue.target === 'no-modules'
    ? 'return Object.assign({ default: wasm_bindgen }, wasm_bindgen);'
    : glue.scriptGlobal
    ? 'return __wbr_inner;'
    : esm
    ? `return { ${entries.join(', ')} };`
    : initEntries(glue).length
      ? // CommonJS web glue (tsup's CommonJS output): its inits beside its exports, as for ES modules
        `return Object.assign(Object.create(module.exports), { ${initEntries(glue).join(', ')} });`
      : 'return module.exports;'

  const rt = o.runtimeId
  const runtimeImport = esm
    ? `import * as __wbr_rt from ${JSON.stringify(rt)};`
    : `const __wbr_rt = ${o.cjsRuntime ?? `require(${JSON.stringify(rt)})`};`
  const extra = glue.extraImportModules.map((m, i) =>
    esm ? `import * as __wbr_imp${i} from ${JSON.stringify(m)};` : `const __wbr_imp${i} = require(${JSON.stringify(m)});`,
  )
  s.prepend([o.mark, runtimeImport, ...prefix, ...extra, o.sourcePrelude ?? '', ...header, ''].join('\n'))

  const spec: EmittedSpec = {
    name: o.moduleName,
    factory: expr('__wbr_factory'),
    bind: glue.bind,
    setter: glue.bind === 'set_wasm' ? setter : undefined,
    importModule: glue.bind === 'set_wasm' ? glue.selfImportModule : undefined,
    imports: expr(`{ ${glue.extraImportModules.map((m, i) => `${JSON.stringify(m)}: __wbr_imp${i}`).join(', ')} }`),
    classes: glue.exports.filter((e) => e.kind === 'class').map((e) => e.name),
    initObjectArgs: glue.initObjectArgs || undefined,
    initWrapper: glue.init?.wrapper ? true : undefined,
    source: expr(o.source),
    policy: o.policy,
    // the same option names as the plugin's `rollback` option
    rollback: rb ? { checkpoint: rb.checkpoint, maxMemory: rb.maxMemory, escalateAfter: rb.escalateAfter === false ? 0 : rb.escalateAfter, Checkpoint: expr('__wbr_rt.Checkpoint') } : undefined,
    maxConsecutiveAborts: o.maxConsecutiveAborts,
    wasmSize: glue.wasm.size,
    guards: expr('__wbr_guards'),
    patch: expr('__wbr_patch'),
  }
  // per-call checkpoints: the code that decides when one is due is generated into every entry
  const auto = rb?.checkpoint === 'call' ? { readOnly: new Set(rb.readOnly) } : null
  // the names are in the script's IIFE for no-modules glue and a package's esbuild IIFE: what uses them
  // goes there too (the slab's accessor, the sync twin, the exports the factory returns)
  const slab = rb ? slabAccess(glue) : ''
  const inside = glue.scriptInsert !== undefined
  if (inside && slab) s.appendLeft(glue.scriptInsert!, `\n${slab}\n`)
  if (glue.scriptGlobal) s.appendLeft(glue.scriptInsert!, `\n${twinSource(code, glue)}\n__wbr_inner = { ${entries.join(', ')} };\n`)
  const tail = [
    '',
    inside ? '' : slab,
    glue.scriptGlobal ? '' : twinSource(code, glue),
    ret,
    '}',
    exportGuards(glue, auto !== null, rb !== null),
    methodGuards(glue, auto),
    `const __wbr = __wbr_rt.createSupervisor(${serialiseSpec(spec)});`,
    glue.bind === 'init' ? '' : esm && o.topLevelAwait ? 'await __wbr.start();' : '__wbr.start();',
    ...facades(glue, esm, glue.bind !== 'init' && !(esm && o.topLevelAwait), auto),
    '',
  ]
  s.append(tail.join('\n'))
  return { code: s.toString(), map: s.generateMap({ source: id, includeContent: true }) }
}

/** Re-bundled web glue: the inits it keeps internal, under the names the runtime looks for. */
function initEntries(glue: Glue): string[] {
  const out: string[] = []
  if (glue.init?.async) out.push(`"__wbr_init": ${glue.init.async}`)
  if (glue.init?.sync) out.push(`"__wbr_initSync": ${glue.init.sync}`)
  const twin = twinEntry(glue)
  if (twin) out.push(twin)
  return out
}

/**
 * Guards for the raw wasm exports, generated per export with its fixed arity: each is its own function,
 * so every call site inside stays monomorphic (a shared guard per arity costs ~10 ns per call).
 */
function exportGuards(glue: Glue, touch: boolean, current: boolean): string {
  const lines = Object.entries(glue.wasm.exportArity).map(
    ([name, arity]) => `${JSON.stringify(name)}: ${printTemplate(exportGuard, { name: '', key: name, arity, flags: { TOUCH: touch, CURRENT: current } })}`,
  )
  return `function __wbr_guards(g, x) { return {\n${lines.join(',\n')}\n}; }`
}

/**
 * Policy 'rollback': the glue's JS-side heap slab (older glue without reference types keeps JS objects
 * there, indexed from wasm memory) is saved and restored with the memory.
 */
function slabAccess(glue: Glue): string {
  if (!glue.slab) return ''
  const { heap, next, sp } = glue.slab
  return (
    `__wbr_ctx.slab = { save: () => [${heap}.slice(), ${next}${sp ? `, ${sp}` : ''}], ` +
    `load: (s) => { ${heap}.length = 0; for (let i = 0; i < s[0].length; i++) ${heap}.push(s[0][i]); ${next} = s[1];${sp ? ` ${sp} = s[2];` : ''} } };`
  )
}

/** Rollback with per-call checkpoints: code for the outermost entry, and after a read-only call's success. */
interface Auto {
  readOnly: Set<string>
}

/** Guards for class methods and accessors, generated per method like the export guards. */
function methodGuards(glue: Glue, auto: Auto | null): string {
  const lines: string[] = []
  for (const cls of glue.exports.filter((e) => e.kind === 'class')) {
    lines.push(`p = ns[${JSON.stringify(cls.name)}].prototype;`)
    for (const m of cls.methods ?? []) {
      if (m.arity === undefined) continue
      const flags = { AUTO: auto !== null, READ_ONLY: auto?.readOnly.has(`${cls.name}.${m.key}`) ?? false, FREE: m.key === 'free' }
      const guard = printTemplate(methodGuard, { name: '', key: m.key, label: `${cls.name}.${m.key}`, arity: m.arity, flags })
      lines.push(`w(p, ${JSON.stringify(m.key)}, ${JSON.stringify(m.kind)}, (f) => ${guard});`)
    }
  }
  return `function __wbr_patch(g, ns, w) { const s = g.sup; let p;\n${lines.join('\n')}\n}`
}

/** `late`: the first instance may not exist yet when the module body runs (no top-level await). */
function facades(glue: Glue, esm: boolean, late: boolean, auto: Auto | null): string[] {
  const out: string[] = []
  const names: [string, string][] = []
  glue.exports.forEach((e, i) => {
    if (e.name.startsWith('__wbr_')) return
    const local = IDENT.test(e.name) && !RESERVED.has(e.name) && e.name !== 'wasm_bindgen' ? e.name : `__wbr_x${i}`
    const code = facade(glue, e, local, auto)
    // a value read before the first instance exists is read again once it does (live ES binding)
    if (late && code.startsWith('const ') && code.includes('__wbr.value(')) {
      out.push(code.replace(/^const /, 'let '), `__wbr.ready.then(() => { ${local} = __wbr.value(${JSON.stringify(e.name)})${esm ? '' : `; module.exports[${JSON.stringify(e.name)}] = ${local}`}; });`)
    } else out.push(code)
    names.push([e.name, local])
  })
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
  return out
}

function facade(glue: Glue, e: GlueExport, local: string, auto: Auto | null): string {
  const key = JSON.stringify(e.name)
  if (glue.bind === 'init' && e.name === 'default') return `function ${local}(arg) { return __wbr.init(arg); }`
  if (glue.bind === 'init' && e.name === 'initSync') return `function ${local}(arg) { return __wbr.initSync(arg); }`
  if (glue.bind === 'init' && e.name === glue.init?.wrapper) return `function ${local}(arg) { return __wbr.init(arg); }`
  // upstream's reset (reset-state glue) makes a fresh generation of ours: one machinery, never two
  if (e.name === '__wbg_reset_state') return `function ${local}() { __wbr.resetSync(); }`
  // a package's own loader (tiktoken's init, its CommonJS entry) may still hand over an instance it
  // made: ours is bound already, so that hand-over is a no-op; the wasm imports stay available to it
  if (e.name === '__wbg_set_wasm') return `function ${local}(_) {}`
  if (INTERNAL.test(e.name)) return `const ${local} = __wbr.value(${key});`
  if (e.kind === 'class') return `const ${local} = __wbr.facadeClass(${key}, ${JSON.stringify(e.statics ?? [])});`
  if (e.kind === 'value') return `const ${local} = __wbr.value(${key});`
  // generated per export with its fixed arity: no rest arguments, no allocation on the happy path
  return printTemplate(facadeTemplate, { name: local, key: e.name, arity: e.arity, flags: { AUTO: auto !== null, READ_ONLY: auto?.readOnly.has(e.name) ?? false } })
}
