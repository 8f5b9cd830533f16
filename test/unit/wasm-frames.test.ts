// The runtime's test for wasm frames on the stack (runtime/src/wasm-frames.ts): what tells the guard that
// catches an abort whether it is the outermost one, now that the emitted entries count no depth.
import { describe, expect, it } from 'vitest'
import { wasmOnStack } from '../../packages/runtime/src/wasm-frames.js'

// (module (import "m" "f" (func)) (func (export "g") (result i32) call 0 i32.const 1))
const WASM = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x60, 0x00, 0x00, 0x60, 0x00, 0x01, 0x7f,
  0x02, 0x07, 0x01, 0x01, 0x6d, 0x01, 0x66, 0x00, 0x00, 0x03, 0x02, 0x01, 0x01, 0x07, 0x05, 0x01, 0x01, 0x67,
  0x00, 0x01, 0x0a, 0x08, 0x01, 0x06, 0x00, 0x10, 0x00, 0x41, 0x01, 0x0b,
])

describe('wasm frames on the stack', () => {
  it('true inside an import called by wasm, however deep the JS above it; false outside; the stack limit restored', () => {
    const seen: boolean[] = []
    const deep = (n: number): void => (n ? deep(n - 1) : void seen.push(wasmOnStack()))
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(WASM), { m: { f: () => deep(200) } })
    const limit = Error.stackTraceLimit
    expect((exports.g as () => number)()).toBe(1)
    expect(seen).toEqual([true])
    expect(wasmOnStack()).toBe(false)
    expect(Error.stackTraceLimit).toBe(limit)
  })

  it('a host that formats stacks itself (prepareStackTrace returning text) is read as text', () => {
    const prepare = Error.prepareStackTrace
    try {
      // a source-map tool's hook: it formats every stack it is given, and ignores a replacement
      Object.defineProperty(Error, 'prepareStackTrace', { configurable: true, get: () => (e: Error, sites: unknown[]) => `${e}\n${sites.map((s) => `    at ${s}`).join('\n')}`, set: () => {} })
      const seen: boolean[] = []
      const { exports } = new WebAssembly.Instance(new WebAssembly.Module(WASM), { m: { f: () => void seen.push(wasmOnStack()) } })
      ;(exports.g as () => number)()
      expect(seen).toEqual([true])
      expect(wasmOnStack()).toBe(false)
    } finally {
      Object.defineProperty(Error, 'prepareStackTrace', { configurable: true, writable: true, value: prepare })
    }
  })
})
