// A playground-local Vite plugin for the plugin-off half of the page (`?plugin=off`): photon ships only
// bundler-target glue, which imports its .wasm as an ES module (the wasm ESM integration). Vite has no
// loader for that, so without wasm-recovery photon could not load at all. This is the plain loader any
// wasm plugin would be (what vite-plugin-wasm does): instantiate the .wasm with its declared import
// modules and re-export its exports. Nothing supervises it: the page shows what photon does unprotected.
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { Plugin } from 'vite'

const PREFIX = '\0playground-plain-wasm:'

export function plainWasm(query: string, test: RegExp): Plugin {
  return {
    name: 'playground:plain-wasm',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!importer || !test.test(importer) || !source.endsWith('.wasm')) return null
      const file = resolve(dirname(importer.replace(/[?#].*$/, '')), source)
      return `${PREFIX}${file}`
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null
      const file = id.slice(PREFIX.length)
      const mod = new WebAssembly.Module(readFileSync(file))
      // each import module (`./photon_rs_bg.js`) is the glue, with the query that keeps wasm-recovery off it
      const modules = [...new Set(WebAssembly.Module.imports(mod).map((i) => i.module))]
      const lines = modules.map((m, i) => `import * as m${i} from ${JSON.stringify(`${resolve(dirname(file), m)}?${query}`)}`)
      lines.push(`import url from ${JSON.stringify(`${file}?url`)}`)
      lines.push(`const imports = { ${modules.map((m, i) => `${JSON.stringify(m)}: m${i}`).join(', ')} }`)
      lines.push('const { instance } = await WebAssembly.instantiateStreaming(fetch(url), imports)')
      for (const e of WebAssembly.Module.exports(mod)) lines.push(`export const ${e.name} = instance.exports[${JSON.stringify(e.name)}]`)
      return lines.join('\n')
    },
  }
}
