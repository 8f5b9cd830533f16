// The package exactly as its authors ship it, no bundler and no plugin: the baseline of every comparison.
// node --experimental-wasm-modules _direct.mjs '<json spec>' <mode>
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import vm from 'node:vm'
import { runMode } from './_run.mjs'

const spec = JSON.parse(process.argv[2])
const mode = process.argv[3]
let m
if (spec.kind === 'deno') {
  // the deno target reads its .wasm with Deno.readFile; nothing else of Deno is used
  globalThis.Deno = { readFile: async (url) => new Uint8Array(readFileSync(url)) }
}
if (spec.kind === 'cjs') m = createRequire(import.meta.url)(spec.glue)
else if (spec.kind === 'no-modules') {
  // a classic script: the preloaded snippet defines the error classes on the global, the glue `wasm_bindgen`
  for (const file of spec.preload ?? []) vm.runInThisContext(readFileSync(file, 'utf8'), { filename: file })
  vm.runInThisContext(readFileSync(spec.glue, 'utf8') + '\nglobalThis.wasm_bindgen = wasm_bindgen;', { filename: spec.glue })
  await globalThis.wasm_bindgen(readFileSync(spec.wasm))
  m = globalThis.wasm_bindgen
} else if (spec.kind === 'script') {
  // a package's IIFE for a <script> tag: it declares one global
  vm.runInThisContext(readFileSync(spec.glue, 'utf8'), { filename: spec.glue })
  m = globalThis[spec.global]
} else m = await import(pathToFileURL(spec.glue).href)
if (spec.init === 'web') {
  const bytes = readFileSync(spec.wasm)
  await m[spec.initCall ?? 'default'](spec.initObjectArgs ? { module_or_path: bytes } : bytes)
}
const scenario = await import(pathToFileURL(spec.scenario).href)
await runMode(m, scenario, mode, spec.ctx)
