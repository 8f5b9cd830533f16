import { closeSync, fstatSync, openSync, readSync } from 'node:fs'

/**
 * What the plugin needs from a `.wasm` binary: its import module names and fields, its export names,
 * whether memory is shared (threads), and the `producers` section that names the wasm-bindgen CLI.
 * Only these sections are read; the others are skipped by their size.
 */
export interface WasmInfo {
  imports: { module: string; name: string; kind: number }[]
  exports: string[]
  /** Parameter count of every exported function (for guards generated per export); empty if unknown. */
  exportArity: Record<string, number>
  sharedMemory: boolean
  /** e.g. `0.2.100`, from `processed-by: wasm-bindgen 0.2.100 (hash)`. */
  bindgenVersion: string | undefined
  size: number
  /** A start section (older eras' `#[wasm_bindgen(start)]`): it runs inside `new WebAssembly.Instance`. */
  startSection: boolean
  /** Read from base64 in the glue's code (inline.ts): the literal's range, and its data-URL prefix if any. */
  literal?: { start: number; end: number; prefix: string }
}

const MAGIC = 0x6d736100
const decoder = new TextDecoder()

class Reader {
  constructor(readonly bytes: Uint8Array, public p: number) {}
  byte(): number {
    const b = this.bytes[this.p++]
    if (b === undefined) throw new RangeError('truncated wasm')
    return b
  }
  u32(): number {
    let result = 0
    for (let shift = 0; ; shift += 7) {
      const b = this.byte()
      result |= (b & 0x7f) << shift
      if ((b & 0x80) === 0) return result >>> 0
    }
  }
  name(): string {
    const len = this.u32()
    const s = decoder.decode(this.bytes.subarray(this.p, this.p + len))
    this.p += len
    return s
  }
  /** Memory / table limits; true when the shared flag is set. */
  limits(): boolean {
    const flags = this.byte()
    this.u32()
    if (flags & 1) this.u32()
    return (flags & 2) !== 0
  }
}

export function readWasm(bytes: Uint8Array): WasmInfo | undefined {
  if (bytes.length < 8 || new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true) !== MAGIC) return undefined
  const info: WasmInfo = { imports: [], exports: [], exportArity: {}, sharedMemory: false, bindgenVersion: undefined, size: bytes.length, startSection: false }
  const r = new Reader(bytes, 8)
  let types: number[] | undefined = []
  const funcTypes: number[] = []
  const funcExports: [string, number][] = []
  try {
    while (r.p < bytes.length) {
      const id = r.byte()
      const end = r.u32() + r.p
      if (id === 1) types = readTypes(r)
      else if (id === 2) readImports(r, info, funcTypes)
      else if (id === 3) for (let n = r.u32(); n > 0; n--) funcTypes.push(r.u32())
      else if (id === 5) for (let n = r.u32(); n > 0; n--) info.sharedMemory ||= r.limits()
      else if (id === 7) {
        for (let n = r.u32(); n > 0; n--) {
          const name = r.name()
          info.exports.push(name)
          const kind = r.byte()
          const index = r.u32()
          if (kind === 0) funcExports.push([name, index])
        }
      } else if (id === 8) info.startSection = true
      else if (id === 0 && r.name() === 'producers') info.bindgenVersion ??= producersVersion(r)
      r.p = end
    }
  } catch {
    return undefined
  }
  if (types) for (const [name, index] of funcExports) {
    const arity = types[funcTypes[index]!]
    if (arity !== undefined) info.exportArity[name] = arity
  }
  return info
}

/** Parameter counts of the function types; undefined for type sections we do not read (GC rec groups). */
function readTypes(r: Reader): number[] | undefined {
  const out: number[] = []
  const valtype = () => {
    const b = r.byte()
    if (b === 0x63 || b === 0x64) r.u32() // (ref null? heaptype)
  }
  for (let n = r.u32(); n > 0; n--) {
    if (r.byte() !== 0x60) return undefined
    const params = r.u32()
    for (let i = 0; i < params; i++) valtype()
    for (let results = r.u32(); results > 0; results--) valtype()
    out.push(params)
  }
  return out
}

function readImports(r: Reader, info: WasmInfo, funcTypes: number[]): void {
  for (let n = r.u32(); n > 0; n--) {
    const module = r.name()
    const name = r.name()
    const kind = r.byte()
    if (kind === 0) funcTypes.push(r.u32())
    else if (kind === 1) {
      r.byte()
      r.limits()
    } else if (kind === 2) info.sharedMemory ||= r.limits()
    else if (kind === 3) r.p += 2
    else if (kind === 4) {
      r.byte()
      r.u32()
    }
    info.imports.push({ module, name, kind })
  }
}

/** producers: fields of (name, [(tool, version)]); wasm-bindgen's version starts with x.y.z. */
function producersVersion(r: Reader): string | undefined {
  for (let fields = r.u32(); fields > 0; fields--) {
    r.name()
    for (let values = r.u32(); values > 0; values--) {
      const tool = r.name()
      const version = r.name()
      if (tool === 'wasm-bindgen') return /^\d+\.\d+\.\d+/.exec(version)?.[0] ?? version
    }
  }
  return undefined
}

/**
 * Reads only the sections we need from a .wasm file on disk: a 35 MB module has its code section
 * skipped by a seek instead of being read.
 */
export function readWasmFile(file: string): WasmInfo | undefined {
  const fd = openSync(file, 'r')
  try {
    const size = fstatSync(fd).size
    const head = Buffer.alloc(8)
    readSync(fd, head, 0, 8, 0)
    const parts: Uint8Array[] = [head]
    const probe = Buffer.alloc(16)
    let pos = 8
    while (pos < size) {
      const got = readSync(fd, probe, 0, 16, pos)
      const r = new Reader(probe.subarray(0, got), 0)
      const id = r.byte()
      const len = r.u32()
      const total = r.p + len
      if (pos + total > size) return undefined // truncated: a section runs past the end of the file
      let keep = id === 1 || id === 2 || id === 3 || id === 5 || id === 7 || id === 8
      if (id === 0) {
        const nameLen = r.u32()
        keep = nameLen === 9 && probe.subarray(r.p, r.p + 9).toString() === 'producers'
      }
      if (keep) {
        const section = Buffer.alloc(total)
        readSync(fd, section, 0, total, pos)
        parts.push(section)
      }
      pos += total
    }
    const info = readWasm(Buffer.concat(parts))
    if (info) info.size = size
    return info
  } catch {
    return undefined
  } finally {
    closeSync(fd)
  }
}
