/** Diagnostics in Rollup's shape `{ code, message, id }` so they read natively in every host. */
export interface Diagnostic {
  code: DiagnosticCode
  message: string
  id?: string
  cause?: unknown
}

/** Every warning the plugin gives, with what the user can do about it (shown after the message). */
const NEXT_STEP = {
  WASM_RECOVERY_SKIPPED:
    'The module works as before, without recovery. If it is wasm-bindgen glue, report the error with the package name and version.',
  WASM_RECOVERY_UNRECOGNISED:
    "The module works as before, without recovery. Import the package's unminified glue files where it ships them (its package.json `module`/`main`), else report the package name and version; exclude this file with `exclude` to silence this.",
  WASM_RECOVERY_UNPROTECTED:
    "The module works as before, without recovery. Where the package ships its wasm-bindgen glue as generated, import that; else report the loader shape with the package name and version.",
  WASM_RECOVERY_UNKNOWN_SHAPE: 'The module works as before, without recovery. Report the package name and version so that its shape can be supported.',
  WASM_RECOVERY_THREADS:
    "The module works as before, without recovery. Where the package also ships a single-threaded build, import that one to have recovery; else exclude this file to silence this.",
  WASM_RECOVERY_NO_WASM: 'The module works as before, without recovery. Keep the .wasm beside its glue, as wasm-pack writes it, or exclude the file.',
  WASM_RECOVERY_BAD_WASM: 'The module works as before, without recovery. Reinstall the package: its .wasm file is damaged or not WebAssembly.',
  WASM_RECOVERY_MISMATCH:
    'The module works as before, without recovery. The glue and the .wasm come from different builds: rebuild the package (wasm-pack build) or reinstall it.',
  WASM_RECOVERY_NO_TOP_LEVEL_AWAIT:
    "Recovery works; only the first instance comes a moment later. Set `worker: { format: 'es' }` in the Vite config, or `await ready()` (from @wasm-recovery/runtime) in the worker before its first call.",
  WASM_RECOVERY_PLUGIN_ORDER:
    'The module is left as that plugin made it, without recovery. List wasm-recovery before commonjs() in `plugins`: it reads the glue as the package ships it.',
  WASM_RECOVERY_NOT_BINDGEN: 'The module works as before, without recovery. Only wasm-bindgen modules can be recovered; exclude this file to silence this.',
} as const

export type DiagnosticCode = keyof typeof NEXT_STEP

/** The next step shown for a code (docs and tests read it too). */
export const nextStep = (code: DiagnosticCode): string => NEXT_STEP[code]

export function diagnostic(code: DiagnosticCode, message: string, id?: string, cause?: unknown): Diagnostic {
  // the code is in the text too: esbuild shows plugin warnings as text only
  return { code, message: `[wasm-recovery] ${code}: ${message}. ${NEXT_STEP[code]}`, id, ...(cause === undefined ? {} : { cause }) }
}
