/**
 * What the plugin needs from a `.wasm` binary: its import module names and fields, its export names,
 * whether memory is shared (threads), and the `producers` section that names the wasm-bindgen CLI.
 * Only these sections are read; the others are skipped by their size.
 */
export interface WasmInfo {
  imports: { module: string; name: string; kind: number }[]
  exports: string[]
  sharedMemory: boolean
  /** e.g. `0.2.100`, from `processed-by: wasm-bindgen 0.2.100 (hash)`. */
  bindgenVersion: string | undefined
  size: number
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
  const info: WasmInfo = { imports: [], exports: [], sharedMemory: false, bindgenVersion: undefined, size: bytes.length }
  const r = new Reader(bytes, 8)
  try {
    while (r.p < bytes.length) {
      const id = r.byte()
      const end = r.u32() + r.p
      if (id === 2) readImports(r, info)
      else if (id === 5) for (let n = r.u32(); n > 0; n--) info.sharedMemory ||= r.limits()
      else if (id === 7) {
        for (let n = r.u32(); n > 0; n--) {
          info.exports.push(r.name())
          r.byte()
          r.u32()
        }
      } else if (id === 0 && r.name() === 'producers') info.bindgenVersion ??= producersVersion(r)
      r.p = end
    }
  } catch {
    return undefined
  }
  return info
}

function readImports(r: Reader, info: WasmInfo): void {
  for (let n = r.u32(); n > 0; n--) {
    const module = r.name()
    const name = r.name()
    const kind = r.byte()
    if (kind === 0) r.u32()
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
