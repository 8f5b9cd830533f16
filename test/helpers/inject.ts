// Trap injection with binaryen: every function defined in a real wasm-bindgen `.wasm` gets a prologue
// that can make it trap (`unreachable`) on its Nth entry, chosen at run time through two exported
// globals. The import section stays as it was (same modules, names, kinds and signatures), so the
// glue still pairs with the instrumented module and the plugin handles it like the original.
//
//   global __wrfuzz_countdown (i32, 0 = disarmed)   entries left before the trap
//   global __wrfuzz_target    (i32, -1 = any)       the function index that counts (or every function)
//   func   __wrfuzz_hits(index) -> i32              entries of that function since instantiation
//
// The prologue of defined function #id (index in the function index space, imports included: the
// `wasm-function[id]` of V8's stack traces):
//
//   hits[id] += 1
//   if (countdown != 0 && (target < 0 || target == id)) { countdown -= 1; if (countdown == 0) unreachable }
//
// So one instrumented binary serves every run: "trap at the K-th function entry of the workload"
// (target -1, countdown K) and "trap at the c-th entry of function F" (target F, countdown c).
import { createHash } from 'node:crypto'
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import binaryen from 'binaryen'

export const FUZZ_GLOBALS = { countdown: '__wrfuzz_countdown', target: '__wrfuzz_target' } as const
export const FUZZ_HITS = '__wrfuzz_hits'
/** Bump when the instrumentation changes (cached outputs are keyed by it). */
const VERSION = 3

export interface Instrumented {
  bytes: Uint8Array
  /** Every function defined in the module: its index (imports included) and name. */
  functions: { index: number; name: string }[]
  /** Number of imported functions (defined function indices start here). */
  importedFunctions: number
}

/** Instruments one `.wasm` (see the top of this file). Deterministic: the same input gives the same bytes. */
export function instrument(original: Uint8Array): Instrumented {
  binaryen.setDebugInfo(true) // keep the name section: traps name their function
  const m = binaryen.readBinary(original)
  try {
    // our exported mutable globals need mutable-globals; nothing else is added
    m.setFeatures(m.getFeatures() | binaryen.Features.MutableGlobals)
    const i32 = binaryen.i32
    const cd = FUZZ_GLOBALS.countdown
    const tg = FUZZ_GLOBALS.target
    m.addGlobal(cd, i32, true, m.i32.const(0))
    m.addGlobal(tg, i32, true, m.i32.const(-1))
    m.addGlobalExport(cd, cd)
    m.addGlobalExport(tg, tg)

    const defined: { index: number; name: string; ref: number; info: ReturnType<typeof binaryen.getFunctionInfo> }[] = []
    let importedFunctions = 0
    const n = m.getNumFunctions()
    for (let i = 0; i < n; i++) {
      const ref = m.getFunctionByIndex(i)
      const info = binaryen.getFunctionInfo(ref)
      if (info.module) importedFunctions++
      else defined.push({ index: i, name: info.name, ref, info })
    }
    // binaryen's function order is the binary's: imports first, then definitions
    for (const d of defined) if (d.index < importedFunctions) throw new Error('binaryen reordered functions')

    for (const d of defined) {
      const hits = `__wrfuzz_h${d.index}`
      m.addGlobal(hits, i32, true, m.i32.const(0))
      const prologue = m.block(null, [
        m.global.set(hits, m.i32.add(m.global.get(hits, i32), m.i32.const(1))),
        m.if(
          m.global.get(cd, i32),
          m.if(
            m.i32.or(m.i32.lt_s(m.global.get(tg, i32), m.i32.const(0)), m.i32.eq(m.global.get(tg, i32), m.i32.const(d.index))),
            m.block(null, [
              m.global.set(cd, m.i32.sub(m.global.get(cd, i32), m.i32.const(1))),
              m.if(m.i32.eqz(m.global.get(cd, i32)), m.unreachable()),
            ]),
          ),
        ),
      ])
      // binaryen.js has the static `Function.setBody`; its typings list it only on Module instances
      ;(binaryen as unknown as { Function: { setBody(f: number, body: number): void } }).Function.setBody(d.ref, m.block(null, [prologue, d.info.body], d.info.results))
    }

    // hits(index): a binary search over the defined functions' counters (no table, no memory of its own)
    const search = (lo: number, hi: number): number => {
      if (hi - lo === 1) return m.global.get(`__wrfuzz_h${defined[lo]!.index}`, i32)
      const mid = (lo + hi) >> 1
      return m.if(m.i32.lt_s(m.local.get(0, i32), m.i32.const(defined[mid]!.index)), search(lo, mid), search(mid, hi))
    }
    m.addFunction(FUZZ_HITS, binaryen.createType([i32]), i32, [], defined.length ? search(0, defined.length) : m.i32.const(0))
    m.addFunctionExport(FUZZ_HITS, FUZZ_HITS)

    if (!m.validate()) throw new Error('the instrumented module does not validate')
    const bytes = m.emitBinary()
    const check = sameImports(original, bytes)
    if (check) throw new Error(`instrumentation changed the import section: ${check}`)
    return { bytes, functions: defined.map(({ index, name }) => ({ index, name })), importedFunctions }
  } finally {
    m.dispose()
  }
}

export interface InstrumentedPackage {
  /** The copied glue (the file the bundle imports). */
  glue: string
  /** The instrumented `.wasm` beside it. */
  wasm: string
  /** The original `.wasm`. */
  original: string
  functions: { index: number; name: string }[]
  importedFunctions: number
}

/**
 * Copies a package's glue files (every non-.wasm file of `srcDir`, plus `extra` files such as a
 * package.json) to `outDir` and writes the instrumented `.wasm` there under its original name.
 * Cached: a second call with the same inputs reuses the outputs.
 */
export function instrumentPackage(srcDir: string, wasmName: string, glueName: string, outDir: string, extra: string[] = []): InstrumentedPackage {
  const original = join(srcDir, wasmName)
  const bytes = readFileSync(original)
  const key = createHash('sha256').update(`${VERSION}\0`).update(bytes).digest('hex').slice(0, 16)
  const meta = join(outDir, '.inject.json')
  const wasm = join(outDir, wasmName)
  if (existsSync(meta) && existsSync(wasm)) {
    const cached = JSON.parse(readFileSync(meta, 'utf8'))
    if (cached.key === key) return { glue: join(outDir, glueName), wasm, original, functions: cached.functions, importedFunctions: cached.importedFunctions }
  }
  const out = instrument(bytes)
  const tmp = `${outDir}.tmp-${process.pid}`
  rmSync(tmp, { recursive: true, force: true })
  mkdirSync(tmp, { recursive: true })
  for (const f of readdirSync(srcDir)) if (!f.endsWith('.wasm') && !f.endsWith('.d.ts')) cpSync(join(srcDir, f), join(tmp, f), { recursive: true })
  for (const f of extra) copyFileSync(f, join(tmp, basename(f)))
  writeFileSync(join(tmp, wasmName), out.bytes)
  writeFileSync(join(tmp, '.inject.json'), JSON.stringify({ key, functions: out.functions, importedFunctions: out.importedFunctions }))
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(dirname(outDir), { recursive: true })
  renameSync(tmp, outDir)
  return { glue: join(outDir, glueName), wasm, original, functions: out.functions, importedFunctions: out.importedFunctions }
}

/** undefined when both binaries import the same things (module, name, kind, and for functions the signature), in order. */
export function sameImports(a: Uint8Array, b: Uint8Array): string | undefined {
  const ia = importSignatures(a)
  const ib = importSignatures(b)
  if (ia.length !== ib.length) return `${ia.length} imports became ${ib.length}`
  for (let i = 0; i < ia.length; i++) if (ia[i] !== ib[i]) return `import #${i}: ${ia[i]} became ${ib[i]}`
  return undefined
}

/** `module.name kind signature` for every import, read from the binary (type section + import section). */
export function importSignatures(bytes: Uint8Array): string[] {
  let p = 8
  const byte = () => bytes[p++]!
  const u32 = () => {
    let r = 0
    for (let s = 0; ; s += 7) {
      const b = byte()
      r |= (b & 0x7f) << s
      if (!(b & 0x80)) return r >>> 0
    }
  }
  const name = () => {
    const len = u32()
    const s = Buffer.from(bytes.subarray(p, p + len)).toString('utf8')
    p += len
    return s
  }
  const valtype = () => {
    const b = byte()
    return b === 0x63 || b === 0x64 ? `ref${b === 0x63 ? ' null' : ''} ${u32()}` : b.toString(16)
  }
  const limits = () => {
    const f = byte()
    const min = u32()
    const max = f & 1 ? u32() : undefined
    return `${f}:${min}:${max}`
  }
  const types: string[] = []
  const out: string[] = []
  while (p < bytes.length) {
    const id = byte()
    const size = u32()
    const end = p + size
    if (id === 1) {
      for (let n = u32(); n > 0; n--) {
        const form = byte()
        if (form !== 0x60) throw new Error(`type form 0x${form.toString(16)} not supported here`)
        const params = Array.from({ length: u32() }, valtype)
        const results = Array.from({ length: u32() }, valtype)
        types.push(`(${params.join(',')})->(${results.join(',')})`)
      }
    } else if (id === 2) {
      for (let n = u32(); n > 0; n--) {
        const mod = name()
        const field = name()
        const kind = byte()
        let desc = ''
        if (kind === 0) desc = `func ${types[u32()]}`
        else if (kind === 1) desc = `table ${byte().toString(16)} ${limits()}`
        else if (kind === 2) desc = `memory ${limits()}`
        else if (kind === 3) desc = `global ${valtype()} ${byte()}`
        else if (kind === 4) desc = `tag ${byte()} ${types[u32()]}`
        out.push(`${mod}.${field} ${desc}`)
      }
      return out
    }
    p = end
  }
  return out
}

/**
 * Renames import module names and export names in a `.wasm` by re-encoding those two sections (every
 * other byte stays as it is): for copies of a package under another name, and for renamed exports.
 */
export function renameInWasm(bytes: Uint8Array, o: { importModule?: (s: string) => string; exportName?: (s: string) => string }): Uint8Array {
  const out: number[] = [...bytes.subarray(0, 8)]
  let p = 8
  const u32At = () => {
    let r = 0
    for (let s = 0; ; s += 7) {
      const b = bytes[p++]!
      r |= (b & 0x7f) << s
      if (!(b & 0x80)) return r >>> 0
    }
  }
  const leb = (n: number, to: number[]) => {
    do {
      let b = n & 0x7f
      n >>>= 7
      if (n) b |= 0x80
      to.push(b)
    } while (n)
  }
  const str = (s: string, to: number[]) => {
    const b = Buffer.from(s, 'utf8')
    leb(b.length, to)
    to.push(...b)
  }
  const name = () => {
    const len = u32At()
    const s = Buffer.from(bytes.subarray(p, p + len)).toString('utf8')
    p += len
    return s
  }
  while (p < bytes.length) {
    const id = bytes[p++]!
    const size = u32At()
    const start = p
    const end = p + size
    const body: number[] = []
    if (id === 2 && o.importModule) {
      const n = u32At()
      leb(n, body)
      for (let i = 0; i < n; i++) {
        str(o.importModule(name()), body)
        str(name(), body)
        // the rest of the entry (kind + description) is copied as it is: find its end by parsing
        const from = p
        const kind = bytes[p++]!
        if (kind === 0) u32At()
        else if (kind === 1) {
          p++
          const f = bytes[p++]!
          u32At()
          if (f & 1) u32At()
        } else if (kind === 2) {
          const f = bytes[p++]!
          u32At()
          if (f & 1) u32At()
        } else if (kind === 3) p += 2
        else if (kind === 4) {
          p++
          u32At()
        }
        body.push(...bytes.subarray(from, p))
      }
    } else if (id === 7 && o.exportName) {
      const n = u32At()
      leb(n, body)
      for (let i = 0; i < n; i++) {
        str(o.exportName(name()), body)
        const from = p
        p++
        u32At()
        body.push(...bytes.subarray(from, p))
      }
    } else body.push(...bytes.subarray(start, end))
    if (p !== start && p !== end) throw new Error(`section ${id}: re-encoded up to ${p - start} of ${size} bytes`)
    out.push(id)
    leb(body.length, out)
    out.push(...body)
    p = end
  }
  return Uint8Array.from(out)
}
