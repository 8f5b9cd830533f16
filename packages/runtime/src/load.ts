/** Where a generation's compiled module comes from. Compiled once, cached by the supervisor. */
export interface WasmSource {
  load(): Promise<WebAssembly.Module>
  /** Present where the platform can compile synchronously (inline bytes, Node's fs). */
  loadSync?(): WebAssembly.Module
}

declare const process: { getBuiltinModule?(id: string): any; versions?: { node?: string } } | undefined

function nodeFs(): { readFileSync(p: URL | string): Uint8Array } | undefined {
  return typeof process !== 'undefined' ? process.getBuiltinModule?.('node:fs') : undefined
}

function decodeBase64(b64: string): Uint8Array {
  const bin = atob(b64)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

/** `wasm: 'inline'`: the bytes travel in the bundle as base64. */
export function inlineWasm(base64: string): WasmSource {
  let bytes: Uint8Array | undefined
  const get = () => (bytes ??= decodeBase64(base64))
  return {
    load: () => WebAssembly.compile(get() as BufferSource),
    loadSync: () => new WebAssembly.Module(get() as BufferSource),
  }
}

/** `wasm: 'asset'`: an emitted file (URL, or path beside a CommonJS bundle), read from disk under Node, else fetched. */
export function assetWasm(url: string | URL | WebAssembly.Module): WasmSource {
  // (runs as the glue loads: an engine without WebAssembly gets this far, see context.ts)
  if (typeof WebAssembly === 'object' && url instanceof WebAssembly.Module) return moduleWasm(url)
  const href = String(url)
  const isPath = !/^[a-z][a-z\d+.-]*:/i.test(href)
  const fs = href.startsWith('file:') || isPath ? nodeFs() : undefined
  if (fs) {
    const loadSync = () => new WebAssembly.Module(fs.readFileSync(isPath ? href : new URL(href)) as BufferSource)
    return { load: async () => loadSync(), loadSync }
  }
  return {
    async load() {
      const res = await fetch(href)
      if (res.ok === false) throw new Error(`wasm-recovery: fetching ${href} failed: ${res.status} ${res.statusText}`.trimEnd())
      if (typeof WebAssembly.compileStreaming === 'function') {
        try {
          return await WebAssembly.compileStreaming(res)
        } catch (e) {
          // a wrong MIME type is refused before the body is read: fall back to bytes. Once it was read
          // (not wasm at all, a CompileError), that error is the one to see
          if (res.bodyUsed) throw e
        }
      }
      return WebAssembly.compile(await res.arrayBuffer())
    },
  }
}

/** Workers runtimes hand the module over as an import: nothing to compile. */
export function moduleWasm(module: WebAssembly.Module): WasmSource {
  return { load: async () => module, loadSync: () => module }
}
