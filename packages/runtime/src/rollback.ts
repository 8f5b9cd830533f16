import { now } from './clock.js'
import { emit } from './events.js'
import type { Generation } from './generation.js'
import { copyTable, externrefTables, layoutOf, memoryOf, setGlobal } from './instance-layout.js'
import { retire, type Retired } from './retire.js'
import { prepareSpare } from './spare.js'

type Fn = (...args: any[]) => any
type Registry = new (cb: (held: unknown) => void) => FinalizationRegistry<unknown>

const PAGE = 65536
const RealWasm = globalThis.WebAssembly

export type { SlabAccess } from './instance-layout.js'

/**
 * The state of one generation at a quiescent point (no wasm frame on the stack): linear memory,
 * externref tables, exported globals, the glue's heap slab. Restoring it into a fresh instance of the
 * same Module, under the same glue body, makes every object the app holds valid again, as it was.
 *
 * Not undone: effects outside the instance (imports that wrote to the DOM, the network, storage).
 */
export class Checkpoint {
  /**
   * Where the state is kept: in a spare instance of the module when one can be made synchronously, so
   * that restoring is a swap (no copy into never-touched pages of a fresh memory, which costs far more
   * than the copy itself); else in plain copies, restored into a fresh instance.
   */
  private spare: WebAssembly.Instance | null = null
  private mem: Uint8Array | null = null
  private tables: [string, unknown[]][] = []
  private globals: [string, unknown][] = []
  private slab: unknown
  private bytes = 0
  private taken = false
  /** Objects the glue registered for finalization since the checkpoint: they do not exist in it. */
  private born: [WeakRef<object>, FinalizationRegistry<unknown>, unknown][] = []
  /** Objects whose pointer the glue took (`__destroy_into_raw`) since the checkpoint: they exist in it. */
  private consumed: [object, string, number][] = []
  /** The glue registers its objects for finalization (so `born` sees every object it makes). */
  tracking = false
  /** The glue's finalization registry per prototype, to register a consumed object again. */
  private readonly registries = new WeakMap<object, FinalizationRegistry<unknown>>()

  /** Counts the checkpoints taken: what began after the latest one (a Promise's future) is not in it. */
  epoch = 0
  /** No Promise of an async export was pending when it was taken (see Generation.detachedRollback). */
  quiet = false
  /** Per prototype, the prototype a retired object gets (retire.ts). */
  private readonly retired: Retired = new WeakMap()
  /** A spare instance is being made in idle time (see spare.ts). */
  private preparing = false
  /** False once a checkpoint was due and not taken (memory over `rollback.maxMemory`): restoring it would be wrong. */
  valid = true

  get size(): number { return this.bytes }
  get empty(): boolean { return !this.taken }
  /** Restoring needs a fresh instance from the caller (the state is not kept in a spare one). */
  get needsInstance(): boolean { return this.spare === null }

  /** Outermost call from the app, the instance entered since the last checkpoint: take one if allowed. */
  due(g: Generation): void {
    const o = g.sup.spec.rollback
    // no instance yet (a plain JS export of the glue, called before its init): no state to keep
    if (o?.checkpoint === 'manual' || !g.raw) return
    // torn by an exception that a callback caught inside a call that then succeeded: not a state to keep;
    // over rollback.maxMemory: no copy, and the old checkpoint is not this state
    if (g.torn || layoutOf(g).memory.buffer.byteLength > (o?.maxMemory ?? Infinity)) this.valid = false
    else this.take(g)
  }

  /**
   * After an abort (or `thrown`: the label of a call that failed with an exception through wasm frames,
   * whose state may be torn): restores the checkpoint under the same glue state. False (with an event)
   * when it cannot, and the caller reinitialises.
   */
  recover(g: Generation, thrown?: string): boolean {
    const sup = g.sup
    const label = thrown ?? g.abortError?.export
    const fail = (reason: string) => {
      emit({ type: 'rollback-failed', module: sup.name, export: label, generation: g.id, reason }, sup)
      return false
    }
    // outside any call of the app: only the case Generation.detachedRollback describes
    if (!label && !(g.detached && g.detachedRollback)) return fail('the abort happened outside a call from the app')
    if (!this.taken || !this.valid)
      return fail(!this.taken ? 'no checkpoint' : g.torn ? 'an exception tore the state since the checkpoint' : `memory over rollback.maxMemory (${sup.spec.rollback?.maxMemory} bytes)`)
    const module = sup.module
    if (!module || !g.importObject || !g.raw) return fail('the instance was not made through the runtime')
    // objects made after a manual checkpoint must be found to be retired: only registered ones can be
    if (sup.spec.rollback?.checkpoint === 'manual' && !this.tracking)
      return fail('this glue registers no objects for finalization, so objects made after the checkpoint cannot be found')
    const t0 = now()
    const bytes = this.bytes
    const done = (fresh: () => WebAssembly.Instance) => {
      this.restore(g, fresh)
      g.revive()
      sup.noteRollback()
      emit({ type: 'rollback', module: sup.name, export: label, generation: g.id, durationMs: now() - t0, bytes, reason: thrown ? 'exception' : 'abort' }, sup)
      // manual checkpoints: the next abort returns to the same one
      if (sup.spec.rollback?.checkpoint === 'manual') this.take(g)
    }
    const refused = (e: unknown) => {
      g.allowEntry(false)
      fail(`restoring failed: ${e instanceof Error ? e.message : String(e)}`)
    }
    // imports of the generation refuse a dead one: live while the new instance runs its start function
    g.allowEntry(true)
    if (!this.needsInstance || sup.syncAllowed()) {
      try {
        done(() => new RealWasm.Instance(module, g.importObject))
        return true
      } catch (e) {
        refused(e)
        return false
      }
    }
    g.allowEntry(false)
    // browsers refuse synchronous instantiation of big modules on the main thread: 'recovering' meanwhile
    const retry = (e: unknown) => {
      refused(e)
      sup.reinit()
    }
    sup.pending = RealWasm.instantiate(module, g.importObject).then((inst) => {
      sup.pending = null
      g.allowEntry(true)
      try {
        done(() => inst)
      } catch (e) {
        retry(e)
      }
    }, (e) => {
      sup.pending = null
      retry(e)
    })
    sup.pending.catch(() => {})
    return true
  }

  /**
   * Called for each own key of a class prototype: records the objects whose pointer the glue takes. True
   * when the key is handled here (and needs no other guard).
   */
  watch(proto: any, key: string | symbol, d: PropertyDescriptor): boolean {
    const ck = this
    // older glue (no `__destroy_into_raw`) takes a pointer inline (`x.ptr = 0`) when an object is freed or
    // passed by value: an accessor on the prototype sees those writes (`ptr` itself lives under a symbol)
    if (key === 'free' && !('__destroy_into_raw' in proto) && !('ptr' in proto)) {
      const slot = Symbol('ptr')
      Object.defineProperty(proto, 'ptr', {
        configurable: true,
        get(this: any) {
          return this[slot]
        },
        set(this: any, v: number) {
          if (v === 0 && this[slot]) ck.consumed.push([this, 'ptr', this[slot]])
          this[slot] = v
        },
      })
    }
    if (key !== '__destroy_into_raw' || typeof d.value !== 'function') return false
    const f = d.value as Fn
    proto[key] = function (this: any) {
      const k = '__wbg_ptr' in this ? '__wbg_ptr' : 'ptr'
      ck.consumed.push([this, k, this[k]])
      return f.call(this)
    }
    return true
  }

  /** The glue's finalization registries report every object they are given (they are `born`). */
  registry(FR: Registry): Registry {
    const ck = this
    return class extends FR {
      constructor(cb: (held: unknown) => void) {
        super(cb)
        ck.tracking = true
      }

      override register(target: object, held: unknown, token?: object): void {
        super.register(target, held, token)
        ck.born.push([new WeakRef(target), this, held])
        const proto = Object.getPrototypeOf(target)
        if (!ck.registries.has(proto)) ck.registries.set(proto, this)
      }
    }
  }

  take(g: Generation): void {
    const t0 = now()
    const raw = g.raw!
    const layout = layoutOf(g)
    const live = new Uint8Array(layout.memory.buffer)
    const n = live.byteLength
    const sup = g.sup
    if (!this.spare && sup.module && g.importObject && sup.syncAllowed()) {
      try {
        this.spare = new RealWasm.Instance(sup.module, g.importObject)
      } catch {
        this.spare = null // e.g. its start function failed: keep copies instead
      }
    }
    if (this.spare) {
      const into = this.spare.exports
      const mem = memoryOf(into)
      // grows in place: pages copied into before stay warm
      if (mem.buffer.byteLength < n) mem.grow((n - mem.buffer.byteLength) / PAGE)
      new Uint8Array(mem.buffer, 0, n).set(live)
      for (const name of externrefTables(layout)) copyTable(raw[name] as WebAssembly.Table, into[name] as WebAssembly.Table)
      for (const key of layout.globals) setGlobal(into[key], (raw[key] as WebAssembly.Global).value)
    } else {
      if (!this.mem || this.mem.length !== n) this.mem = new Uint8Array(n)
      this.mem.set(live)
      this.tables = externrefTables(layout).map((name) => {
        const t = raw[name] as WebAssembly.Table
        const vals = new Array(t.length)
        for (let i = 0; i < vals.length; i++) vals[i] = t.get(i)
        return [name, vals]
      })
      this.globals = layout.globals.map((key) => [key, (raw[key] as WebAssembly.Global).value])
    }
    this.bytes = n
    this.taken = true
    this.epoch++
    this.quiet = g.pending() === 0
    this.slab = g.ctx.slab?.save()
    this.born.length = 0
    this.consumed.length = 0
    g.touched = false
    this.valid = true
    sup.noteCheckpoint(now() - t0)
  }

  /**
   * Makes the checkpoint's instance the generation's: the spare one, or `fresh()` with the copies put in.
   * Throws (leaving the generation dead) when the instance cannot hold it.
   */
  restore(g: Generation, fresh: () => WebAssembly.Instance): void {
    if (!this.taken) throw new Error('no checkpoint')
    let instance = this.spare
    this.spare = null
    if (!instance) {
      instance = fresh()
      const raw = instance.exports
      const mem = memoryOf(raw)
      const have = mem.buffer.byteLength
      if (have < this.bytes) mem.grow((this.bytes - have) / PAGE)
      new Uint8Array(mem.buffer).set(this.mem!)
      for (const [name, vals] of this.tables) {
        const t = raw[name] as WebAssembly.Table
        if (t.length < vals.length) t.grow(vals.length - t.length)
        for (let i = 0; i < vals.length; i++) t.set(i, vals[i] as never)
      }
      for (const [key, v] of this.globals) setGlobal(raw[key], v)
    }
    const old = memoryOf(g.raw!)
    g.rebind(instance)
    // detach the dead memory's buffer: the glue's cached views see byteLength 0 and re-read wasm.memory
    try {
      old.grow(0)
    } catch {
      // at its maximum with no room even for 0 pages cannot happen; a shared memory is refused at build
    }
    if (this.slab !== undefined) g.ctx.slab?.load(this.slab)
    // taken out first: retiring and registering again below record new entries, which are not these
    const born = this.born.splice(0)
    const consumed = this.consumed.splice(0)
    for (const [ref, registry, held] of born) {
      const obj = ref.deref()
      if (!obj) continue
      // its memory is not in the checkpoint: no finalizer may free it, no method may reach it
      registry.unregister(obj)
      if (held !== null && typeof held === 'object') registry.unregister(held)
      retire(g, obj, this.retired)
      // a closure's state: the glue refuses to call a closure whose `a` is 0 ("invoked after being dropped")
      if (held !== null && typeof held === 'object' && 'a' in held && 'dtor' in held) (held as { a: number }).a = 0
    }
    for (const [obj, key, ptr] of consumed) {
      ;(obj as any)[key] = ptr
      this.registries.get(Object.getPrototypeOf(obj))?.register(obj, ptr, obj)
    }
    this.born.length = 0
    this.consumed.length = 0
    // the restored state is the checkpoint's, but it lives in the instance now: the next call takes anew
    this.taken = false
    g.touched = true
    this.prepareSpare(g)
  }

  /** The spare became the instance: the next one, and the checkpoint into it, are made in idle time (no call on the stack). */
  private prepareSpare(g: Generation): void {
    if (this.preparing) return
    this.preparing = prepareSpare(g, this.bytes, () => this.spare === null, (spare) => {
      this.preparing = false
      this.spare ??= spare
      if (spare && this.spare === spare && !this.taken && g.touched && g.sup.depth === 0 && !g.detached) this.due(g)
    })
  }
}

