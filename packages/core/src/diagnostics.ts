/** Diagnostics in Rollup's shape `{ code, message, id }` so they read natively in every host. */
export interface Diagnostic {
  code: string
  message: string
  id?: string
  cause?: unknown
}

const NEXT_STEP: Record<string, string> = {
  WASM_RECOVERY_SKIPPED: 'The module works as before, without recovery.',
  WASM_RECOVERY_CONFLICT: 'Remove the other wasm plugin or exclude wasm-bindgen packages from it; wasm-recovery loads their .wasm itself.',
}

export function diagnostic(code: string, message: string, id?: string, cause?: unknown): Diagnostic {
  const next = NEXT_STEP[code] ?? NEXT_STEP.WASM_RECOVERY_SKIPPED
  // the code is in the text too: esbuild shows plugin warnings as text only
  return { code, message: `[wasm-recovery] ${code}: ${message}. ${next}`, id, ...(cause === undefined ? {} : { cause }) }
}
