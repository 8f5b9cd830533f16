// What the rewritten glue body sees instead of a few globals: a WebAssembly that yields the cached
// Module and guarded instances, a console that remembers the panic message, finalizers and microtasks
// that never enter a dead generation.
import { WasmAbortError } from './errors.js'
import { GenState } from './protocol.js'
import type { Generation, GuardedInstance } from './generation.js'
import type { SlabAccess } from './rollback.js'

type Imports = Record<string, Record<string, unknown>>

const LIVE = GenState.Live
// (off globalThis: an engine without WebAssembly, JIT-less as in Safari's Lockdown Mode, must still load
// an app that looks before it uses it, as packages with a wasm2js fallback do)
const RealWasm = globalThis.WebAssembly
const RealFinalizationRegistry = globalThis.FinalizationRegistry
const realConsole = globalThis.console
/** Marks what a generation's instantiate returns, for the glue's `instanceof WebAssembly.Instance`. */
export const INSTANCE = Symbol('wasm-recovery.instance')

/** What the rewritten glue body sees instead of a few globals. */
export interface GlueContext {
  WebAssembly: typeof WebAssembly
  console: Console
  FinalizationRegistry: typeof FinalizationRegistry | undefined
  queueMicrotask: typeof queueMicrotask
  /** For glue that instantiates itself (nodejs, deno, module targets). */
  instantiate(imports: Imports): GuardedInstance
  readonly module: WebAssembly.Module | undefined
  /** The generation this body runs for: its classes' inline method guards check it (core: inline-methods.ts). */
  readonly gen: Generation
  /** Set by the glue body (policy 'rollback'): its heap slab, saved and restored with the checkpoint. */
  slab?: SlabAccess
}

/** The byte size each compiled module of ours was compiled from (to tell our bytes from another module's). */
const sizes = new WeakMap<WebAssembly.Module, number>()
/** `\0asm` version 1, nothing else: what a recovery's body decodes in place of inlined bytes (core: factory.ts). */
const STUB_SIZE = 8

/**
 * `new WebAssembly.Module(x)` in the glue yields the cached module; `instanceof` still works. Only for our
 * module: one the Rust code instantiates itself through js-sys (@wasmer/wasi runs the app's WASI program)
 * is another Module, or bytes of another size, and gets the real API.
 */
function wasmShadow(g: Generation): typeof WebAssembly | undefined {
  if (!RealWasm) return undefined
  const sup = g.sup
  const size = (src: unknown) => (ArrayBuffer.isView(src) || src instanceof ArrayBuffer ? src.byteLength : undefined)
  const ours = (src: unknown): boolean => {
    const m = sup.module
    if (!m || src === m) return true
    if (src instanceof RealWasm.Module) return false
    const n = size(src)
    const known = sizes.get(m) ?? sup.spec.wasmSize
    return n === undefined || n === STUB_SIZE || !known || n === known
  }
  const compile = (src: unknown): WebAssembly.Module => {
    if (src instanceof RealWasm.Module) return (sup.module ??= src)
    if (sup.module) return sup.module
    const m = (sup.module = new RealWasm.Module(src as BufferSource))
    sizes.set(m, size(src) ?? 0)
    return m
  }

  function Module(src: unknown) { return ours(src) ? compile(src) : new RealWasm.Module(src as BufferSource) }
  Object.defineProperty(Module, Symbol.hasInstance, { value: (o: unknown) => o instanceof RealWasm.Module })
  Object.assign(Module, { imports: RealWasm.Module.imports, exports: RealWasm.Module.exports, customSections: RealWasm.Module.customSections })

  function Instance(module: WebAssembly.Module, imports: Imports) {
    return ours(module) ? g.instantiate(compile(module), imports) : new RealWasm.Instance(module, imports as WebAssembly.Imports)
  }
  Object.defineProperty(Instance, Symbol.hasInstance, { value: (o: any) => o != null && (o[INSTANCE] === true || o instanceof RealWasm.Instance) })

  async function instantiate(src: unknown, imports: Imports) {
    if (!ours(src)) return RealWasm.instantiate(src as BufferSource, imports as WebAssembly.Imports)
    if (src instanceof RealWasm.Module) return g.instantiateAsync(compile(src), imports)
    let module = sup.module
    if (!module) {
      const bytes = await (src as BufferSource)
      sizes.set((module = sup.module ??= await RealWasm.compile(bytes)), size(bytes) ?? 0)
    }
    return { module, instance: await g.instantiateAsync(module, imports) }
  }
  async function instantiateStreaming(src: Response | PromiseLike<Response>, imports: Imports) {
    const module = sup.module ?? (sup.module = await RealWasm.compileStreaming(src))
    return { module, instance: await g.instantiateAsync(module, imports) }
  }

  return Object.assign(Object.create(RealWasm), { Module, Instance, instantiate, instantiateStreaming })
}

export function makeContext(g: Generation): GlueContext {
  const sup = g.sup
  const consoleShadow = Object.create(realConsole, {
    error: { value: (...args: unknown[]) => { g.noteConsoleError(args); realConsole.error(...args) } },
  })
  // finalizers of a dead generation never enter any instance; a trap in one must not kill the process
  const finalizer = (cb: (held: unknown) => void) => (held: unknown) => {
    if (g.state !== LIVE) return
    try { cb(held) } catch (e) { if (!(g.trap(e) instanceof WasmAbortError)) throw e }
  }
  // rollback extends it (objects made since the checkpoint are not in it, see Checkpoint.restore): a
  // class there; else a constructor that returns the real registry, cheaper than a class per generation
  const FR = RealFinalizationRegistry && (g.ckpt
    ? class extends RealFinalizationRegistry<unknown> { constructor(cb: (held: unknown) => void) { super(finalizer(cb)) } }
    : (function FinalizationRegistry(cb: (held: unknown) => void) { return new RealFinalizationRegistry(finalizer(cb)) } as unknown as typeof FinalizationRegistry))
  const TrackingFR = g.ckpt && FR && g.ckpt.registry(FR)
  return {
    WebAssembly: wasmShadow(g) as typeof WebAssembly,
    console: consoleShadow,
    FinalizationRegistry: (TrackingFR ?? FR) as typeof FinalizationRegistry | undefined,
    // a future of a dead generation is not polled again; a trap while polling one already rejected that
    // generation's pending Promises, so neither may surface as an uncaught error
    queueMicrotask: (cb) =>
      globalThis.queueMicrotask(() => {
        if (g.state !== LIVE) return
        // the futures executor's poll (see Supervisor.detached)
        g.polling = true
        try {
          cb()
        } catch (e) {
          if (!g.owns(e)) throw e
        } finally {
          g.polling = false
        }
      }),
    instantiate: (imports) => {
      if (!sup.module) throw new Error(`${sup.name}: the wasm module is not loaded yet`)
      return g.instantiate(sup.module, imports)
    },
    get module() { return sup.module },
    gen: g,
  }
}
