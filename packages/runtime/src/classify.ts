/**
 * Which errors mean "this instance can no longer be trusted".
 *
 * Rule (documented in the README): an error that unwound wasm frames is an abort when it is
 * - a `WebAssembly.RuntimeError` (unreachable, out of bounds, …);
 * - a `RangeError` "Maximum call stack size exceeded": V8 ran out of stack with wasm frames on it
 *   (deep input such as biome's or swc's), so Rust code stopped mid-way;
 * - wasm-bindgen's own evidence of an earlier corruption ("recursive use of an object detected",
 *   "attempted to take ownership of Rust value while it was borrowed"), or upstream's "Module terminated".
 * Anything else is the module's normal error channel and passes through untouched.
 */
const CORRUPTION = /recursive use of an object detected|attempted to take ownership of Rust value while it was borrowed|Module terminated/

export function isAbort(e: unknown): boolean {
  if (e === null || typeof e !== 'object') return false
  const name = (e as Error).name
  if (name === 'RuntimeError') return true
  const message = (e as Error).message
  if (typeof message !== 'string') return false
  if (name === 'RangeError') return message.includes('Maximum call stack size exceeded')
  return name === 'Error' && CORRUPTION.test(message)
}

/** console_error_panic_hook prints "panicked at file:line:col:\nmessage\n\nStack: …"; keep the message. */
export function panicText(args: unknown[] | undefined): string | undefined {
  if (!args || args.length === 0) return undefined
  const text = String(args[0])
  const m = /^panicked at [^\n]*:\n([\s\S]*?)(?:\n\nStack:[\s\S]*)?$/.exec(text)
  if (m) return m[1]
  const old = /^panicked at '([\s\S]*)', [^\n]*$/.exec(text.split('\n\nStack:')[0])
  return old ? old[1] : text.split('\n\nStack:')[0]
}
