// Warns when a Worker's upload carries wasm-bindgen wasm that wasm-recovery does not supervise: what you
// get when wrangler bundles the Worker itself (it takes no esbuild plugins), instead of build.mjs.
//
//   npx wrangler deploy --dry-run --outdir .upload && node check-bundle.mjs .upload
//   node check-bundle.mjs            (checks dist/, what build.mjs made)
//
// Exit status 1, with one warning per unprotected .wasm, when any is found.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

/** Every file under `dir`. */
function files(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? files(p) : [p]
  })
}

/** wasm-bindgen's modules import from its glue or export its helpers (`__wbindgen_malloc`, …). */
function madeByWasmBindgen(bytes) {
  let m
  try {
    m = new WebAssembly.Module(bytes)
  } catch {
    return false
  }
  const names = [...WebAssembly.Module.exports(m).map((e) => e.name), ...WebAssembly.Module.imports(m).map((i) => i.name)]
  return names.some((n) => n.startsWith('__wbindgen') || n.startsWith('__wbg_'))
}

/**
 * The .wasm files in `dir` made by wasm-bindgen that no JS file there supervises. The plugin's loader
 * names the byte size of the .wasm it supervises (`wasmSize: 1801124`, kept by any minifier, since it
 * is an object key and a number); a bundle without the plugin has no such entry.
 */
export function unprotected(dir) {
  const all = files(dir)
  const js = all.filter((f) => /\.(m?js|cjs)$/.test(f)).map((f) => readFileSync(f, 'utf8'))
  const sizes = new Set(js.flatMap((code) => [...code.matchAll(/\bwasmSize\s*:\s*(\d+)/g)].map((m) => Number(m[1]))))
  return all
    .filter((f) => f.endsWith('.wasm'))
    .map((f) => ({ file: f, bytes: readFileSync(f) }))
    .filter(({ bytes }) => madeByWasmBindgen(bytes) && !sizes.has(bytes.length))
    .map(({ file }) => file)
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dir = resolve(process.argv[2] ?? 'dist')
  const found = unprotected(dir)
  for (const f of found)
    console.warn(
      `▲ wasm-recovery: ${relative(process.cwd(), f)} is wasm-bindgen wasm with no recovery: one Rust panic breaks it for the ` +
        `isolate's life. wrangler bundled it without @wasm-recovery/esbuild; build with the plugin (see build.mjs and ` +
        `wrangler.toml: [build] command, no_bundle) and let wrangler upload the result.`,
    )
  if (found.length === 0) console.log(`wasm-recovery: every wasm-bindgen .wasm in ${relative(process.cwd(), dir) || '.'} is supervised`)
  process.exitCode = found.length ? 1 : 0
}
