import { MagicString } from 'magic-string' // named: the CommonJS build require()s this ES-only package
import { walk, isMember, type Node } from '../detect/ast.js'
import type { Glue, GlueExport } from '../detect/glue.js'
import type { Policy as RuntimePolicy } from '@wasm-recovery/runtime/internal'
import type { RollbackOptions } from '../options.js'
import { twinEntry, twinSource } from './sync-twin.js'
import { expr, serialiseSpec, type EmittedSpec } from './spec.js'
import { moveParts, planSplit } from './split.js'
import { exportGuards, facadeLocal, facades, methodGuards } from './wrappers.js'
import { callsOtherModules } from '../detect/outside-calls.js'
import { inlineClass, planInline } from './inline-methods.js'
import { planDirect, RAW, TRAP_CATCH } from './direct-calls.js'
import { planFold } from './fold.js'
import { CJS_GENERATION_MODULE, CJS_MODULE } from './cjs-module.js'

/** `\0asm` version 1, no sections: what a recovery's body re-run decodes in place of an inlined wasm. */
const EMPTY_WASM_BASE64 = 'AGFzbQEAAAA='

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
  let circular: string | undefined

  for (const st of body) {
    if (st.type === 'ImportDeclaration') {
      s.remove(st.start, st.end)
      if (st === glue.wasmImport) {
        const local = st.specifiers[0]?.local.name ?? 'wasm'
        if (glue.target === 'bundler-circular') {
          inject.push(`let ${local};`)
          setter = '__wbr_set_wasm'
          circular = local
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

  // (bundler glue that instantiates its inlined wasm itself keeps that code: see detect/inline-self.ts)
  if (glue.bind === 'self' && glue.instantiate) {
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
  // ... and its recoveries decode no base64 again (megabytes; `atob` loops in browsers): the cached Module
  // answers whatever bytes the body compiles (runtime context.ts), so later runs decode an empty module
  const b64 = glue.bind === 'self' && !glue.instantiate ? glue.wasm.literal : undefined
  if (b64) {
    s.prependRight(b64.start, `(__wbr_ctx.module ? ${JSON.stringify(b64.prefix + EMPTY_WASM_BASE64)} : `)
    s.appendLeft(b64.end, ')')
  }
  for (const url of glue.defaultUrls) s.overwrite(url.start, url.end, '__wbr_ctx.module')
  // older nodejs glue requires its snippets as require(String.raw`./snippets/…`): no bundler follows
  // that, so it becomes a plain string literal the bundler can resolve. Its require(`util`) (TextDecoder,
  // TextEncoder; before 0.2.10x) throws in an ES bundle ("Dynamic require of "util" is not supported"):
  // Node's own module where the platform has it, else the globals every supported platform has
  const freeRequire = !glue.declared.has('require')
  if (!esm)
    walk(glue.parsed.program, {
      CallExpression: (n) => {
        const a = n.arguments[0]
        if (n.callee.type !== 'Identifier' || n.callee.name !== 'require') return
        if (freeRequire && n.arguments.length === 1 && UTIL.has(staticString(a) ?? '')) return void s.overwrite(n.start, n.end, NODE_UTIL)
        if (a?.type !== 'TaggedTemplateExpression') return
        if (!isMember(a.tag, 'String', 'raw') || a.quasi.expressions.length) return
        s.overwrite(a.start, a.end, JSON.stringify(a.quasi.quasis[0].value.raw))
      },
    })

  const shadows = SHADOWED.filter((n) => !glue.declared.has(n))
  // the exports a bundler may drop move out of the factory (split.ts)
  const plan = planSplit(glue, shadows, (e) => facadeLocal(e, glue.exports.indexOf(e)))
  // method guards written into the classes; not under rollback, whose checkpoints watch the prototypes
  const inline = o.policy === 'rollback' ? [] : planInline(glue)
  const inlined = new Map(inline.map((c) => [c.exp.name, c.own]))
  // guarded glue functions call the raw exports (direct-calls.ts); rollback swaps instances under them
  const { sites: direct, unguarded, trys } = o.policy === 'rollback' ? { sites: new Set<Node>(), unguarded: new Set<string>(), trys: new Set<Node>() } : planDirect(glue, inline, plan?.top)
  for (const t of trys) s.appendLeft(t.block.end, TRAP_CATCH)
  // exported functions nothing else calls: their bodies become their facades' (fold.ts); rollback keeps
  // the facade apart (its per-call checkpoint flags, the instance swapped under a live generation)
  if (plan && o.policy !== 'rollback') planFold(plan, body)
  if (plan) moveParts(s, code, glue, plan, shadows, new Set(inlined.keys()), direct)
  const inPart = (n: Node) => plan?.parts.some((p) => p.decl.start <= n.start && n.end <= p.decl.end) ?? false
  const factoryDirect = [...direct].filter((n) => !inPart(n))
  for (const n of factoryDirect) s.overwrite(n.start, n.end, RAW)
  const moved = new Set(plan?.parts.map((p) => p.exp.name))
  const sealed = [...inlined.keys()].filter((n) => !moved.has(n))
  // a 'synced' binding (split.ts): each of the glue's assignments also stores into the namespace
  const synced = plan && [...plan.internals.values()].includes('synced')
  for (const site of plan?.syncSites ?? []) s.prependRight(site.right.start, `__wbr_ns.${site.left.name} = `)
  // after every overwrite: an overwritten range loses what was inserted at its ends
  for (const c of inline) inlineClass(s, c)
  if (circular) {
    const sync = plan?.internals.get(circular) === 'synced' ? ` __wbr_ns.${circular} = v;` : ''
    glue.exports.push({ name: setter, local: `(v) => { ${circular} = v;${sync} }`, kind: 'value' })
  }
  const header = [
    esm ? '' : CJS_MODULE,
    `function __wbr_factory(__wbr_ctx) {`,
    esm ? '' : CJS_GENERATION_MODULE,
    // a package's esbuild IIFE: its names are caught inside it, before its `return` (see below)
    glue.scriptGlobal ? 'let __wbr_inner;' : '',
    `const { ${shadows.join(', ')} } = __wbr_ctx;`,
    // the namespace, once made (an assignment before that stores into a stand-in)
    synced ? 'let __wbr_ns = {};' : '',
    // the generation whose classes' inline guards run (inline-methods.ts) and whose raw exports direct calls reach
    sealed.length || factoryDirect.length ? `const __wbr_g = __wbr_ctx.gen${sealed.length ? ', __wbr_su = __wbr_g.sup' : ''};` : '',
    ...inject,
  ].filter(Boolean)
  const rb = o.policy === 'rollback' ? o.rollback : null
  // a folded function (fold.ts) has no maker and nothing reads it from the namespace: no slot
  const folded = new Set(plan?.parts.filter((p) => p.folded).map((p) => p.exp.name))
  const entries = [
    // a part's slot is filled by its maker; in the literal, the namespace keeps one shape for all generations
    // (CommonJS: the glue's own `exports.X = …` fill module.exports, the namespace, with the rest)
    ...glue.exports.filter((e) => !folded.has(e.name) && (esm || moved.has(e.name))).map((e) => `${JSON.stringify(e.name)}: ${moved.has(e.name) ? 'void 0' : e.local}`),
    ...initEntries(glue),
  ]
  // what the parts use of the glue; a binding the glue reassigns through a getter (and a setter where a
  // part writes it), defined on the object afterwards: a literal with accessors is a slow dictionary in V8
  const internals = [...(plan?.internals ?? [])].filter(([n]) => !glue.exports.some((e) => e.name === n))
  entries.push(...internals.filter(([, a]) => a === 'value' || a === 'synced').map(([n]) => n))
  const accessors = internals.filter(([, a]) => a === 'get' || a === 'get-set').map(([n, a]) => `${n}: { get() { return ${n}; }${a === 'get-set' ? `, set(v) { ${n} = v; }` : ''} }`)
  // CommonJS with parts: what they use of the glue joins the glue's own module.exports
  const literal = esm ? `{ ${entries.join(', ')} }` : `Object.assign(module.exports, { ${entries.join(', ')} })`
  const ret = glue.target === 'no-modules'
    ? 'return Object.assign({ default: wasm_bindgen }, wasm_bindgen);'
    : glue.scriptGlobal
    ? 'return __wbr_inner;'
    : esm || plan
    ? `return ${synced ? '__wbr_ns = ' : ''}${accessors.length ? `Object.defineProperties(${literal}, { ${accessors.join(', ')} })` : literal};`
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

  // per-call checkpoints: the code that decides when one is due is generated into every entry
  const auto = rb?.checkpoint === 'call' ? { readOnly: new Set(rb.readOnly) } : null
  const patch = methodGuards(glue, auto, plan, inlined, rb !== null)
  const spec: EmittedSpec = {
    name: o.moduleName,
    factory: expr('__wbr_factory'),
    bind: glue.bind,
    setter: glue.bind === 'set_wasm' ? setter : undefined,
    importModule: glue.bind === 'set_wasm' ? glue.selfImportModule : undefined,
    imports: expr(`{ ${glue.extraImportModules.map((m, i) => `${JSON.stringify(m)}: __wbr_imp${i}`).join(', ')} }`),
    classes: glue.exports.filter((e) => e.kind === 'class').map((e) => e.name),
    sealed: sealed.length ? sealed : undefined,
    initObjectArgs: glue.initObjectArgs || undefined,
    initWrapper: glue.init?.wrapper ? true : undefined,
    WebInit: glue.bind === 'init' ? expr('__wbr_rt.WebInit') : undefined,
    source: expr(o.source),
    policy: o.policy,
    // the same option names as the plugin's `rollback` option
    rollback: rb ? { checkpoint: rb.checkpoint, maxMemory: rb.maxMemory, escalateAfter: rb.escalateAfter === false ? 0 : rb.escalateAfter, Checkpoint: expr('__wbr_rt.Checkpoint'), Escalation: expr('__wbr_rt.Escalation') } : undefined,
    maxConsecutiveAborts: o.maxConsecutiveAborts,
    wasmSize: glue.wasm.size,
    // the next generation may be made ahead of time only where nothing runs at instantiation, and
    // where its body binds no module of the package but its own
    standby: glue.wasm.startSection || callsOtherModules(glue.parsed.program.body) ? undefined : true,
    guards: expr('__wbr_guards'),
    patch: patch ? expr('__wbr_patch') : undefined,
  }
  // the names are in the script's IIFE for no-modules glue and a package's esbuild IIFE: what uses them
  // goes there too (the slab's accessor, the sync twin, the exports the factory returns)
  const slab = rb ? slabAccess(glue) : ''
  const inside = glue.scriptInsert !== undefined
  if (inside && slab) s.appendLeft(glue.scriptInsert!, `\n${slab}\n`)
  if (glue.scriptGlobal) s.appendLeft(glue.scriptInsert!, `\n${twinSource(code, glue, plan?.syncSites)}\n__wbr_inner = { ${entries.join(', ')} };\n`)
  const closing = ['', inside ? '' : slab, glue.scriptGlobal ? '' : twinSource(code, glue, plan?.syncSites), ret, '}']
  const flags = { touch: auto !== null, current: rb !== null, skip: unguarded }
  const { early, rest } = facades(glue, esm, glue.bind !== 'init' && !(esm && o.topLevelAwait), auto, plan, flags, inlined)
  const tail = [
    exportGuards(glue, flags, plan?.owned),
    ...(patch ? [patch] : []),
    `const __wbr = __wbr_rt.createSupervisor(${serialiseSpec(spec)});`,
    // parts register before the first generation is made
    ...early,
    glue.bind === 'init' ? '' : esm && o.topLevelAwait ? 'await __wbr.start();' : '__wbr.start();',
    ...rest,
    '',
  ]
  // with parts, the factory closes where its last statement ends: the parts' makers follow it
  if (plan) s.appendLeft(plan.anchor, closing.join('\n') + '\n')
  // (on a line of its own: the glue may end in a line comment without a newline, `//# sourceMappingURL=…`)
  s.append(['', ...(plan ? [] : closing), ...tail].join('\n'))
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

const UTIL = new Set(['util', 'node:util'])
const NODE_UTIL = '(globalThis.process?.getBuiltinModule?.("node:util") ?? globalThis)'

/** A string literal or a template without expressions: its value. */
function staticString(n: Node | undefined): string | undefined {
  if (n?.type === 'Literal' && typeof n.value === 'string') return n.value
  if (n?.type === 'TemplateLiteral' && !n.expressions.length) return n.quasis[0].value.cooked ?? undefined
  return undefined
}
