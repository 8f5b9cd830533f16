/**
 * Which errors mean "this instance can no longer be trusted".
 *
 * Rule (documented in the README): an error that unwound wasm frames is an abort when it is
 * - a `WebAssembly.RuntimeError` of any realm (unreachable, out of bounds, …);
 * - a `RangeError` "Maximum call stack size exceeded" (any realm): V8 ran out of stack with wasm frames
 *   on it (deep input such as biome's or swc's), so Rust code stopped mid-way;
 * - an `Error` named `Error` carrying wasm-bindgen's own evidence of an earlier corruption ("recursive use
 *   of an object detected", "attempted to take ownership of Rust value while it was borrowed"), or
 *   upstream's "Module terminated".
 * Anything else is the module's normal error channel and passes through untouched.
 *
 * Looking at a thrown value must never throw nor run the app's code where it can be avoided: the value
 * may be a revoked Proxy, have throwing getters or no prototype. Properties are read only where they
 * are data properties, and every look is inside a try.
 */
const CORRUPTION = /recursive use of an object detected|attempted to take ownership of Rust value while it was borrowed|Module terminated/
const STACK_OVERFLOW = 'Maximum call stack size exceeded'
/** Prototype chains longer than this are a Proxy making up prototypes: give up. */
const MAX_CHAIN = 64

const native = (name: string) => new RegExp(`^function ${name}\\(\\) \\{\\s*\\[native code\\]\\s*\\}$`)
const NATIVE: Record<string, RegExp> = { RuntimeError: native('RuntimeError'), RangeError: native('RangeError'), Error: native('Error') }
const fnToString = Function.prototype.toString
const getProto = Reflect.getPrototypeOf
const getOwn = Reflect.getOwnPropertyDescriptor

export function isAbort(e: unknown): boolean {
  try {
    if (e === null || typeof e !== 'object') return false
    if (isBuiltin(e, 'RuntimeError')) return true
    const message = read(e, 'message')
    if (typeof message !== 'string') return false
    if (isBuiltin(e, 'RangeError')) return message.includes(STACK_OVERFLOW)
    return read(e, 'name') === 'Error' && CORRUPTION.test(message) && isBuiltin(e, 'Error')
  } catch {
    return false
  }
}

/**
 * Whether `o` inherits from the engine's own constructor `name` of whatever realm made it (`instanceof`
 * of this realm misses an error of a `vm` context or another iframe; `.name` is the app's to choose;
 * `Object.prototype.toString` says `[object Error]` for every error).
 * A constructor is the engine's when `Function.prototype.toString` shows it as native code under that
 * name: source classes print their source, and bound functions and Proxies print no name. Its
 * `prototype` must be the very object it was found on, so a copied `constructor` field does not count.
 * The only native `RuntimeError` of JS hosts is `WebAssembly.RuntimeError`.
 */
function isBuiltin(o: object, name: 'RuntimeError' | 'RangeError' | 'Error'): boolean {
  let p = getProto(o)
  for (let i = 0; p !== null && i < MAX_CHAIN; i++, p = getProto(p)) {
    const c = getOwn(p, 'constructor')
    if (!c || !('value' in c) || typeof c.value !== 'function') continue
    const f = c.value
    // the name first: a class's toString is its whole source
    if (getOwn(f, 'name')?.value !== name || !NATIVE[name].test(fnToString.call(f))) continue
    if (getOwn(f, 'prototype')?.value === p) return true
  }
  return false
}

/** `o[key]` when it is a data property (own or inherited); getters are not run. Throws only for Proxies. */
function read(o: object, key: string): unknown {
  let p: object | null = o
  for (let i = 0; p !== null && i < MAX_CHAIN; i++, p = getProto(p)) {
    const d = getOwn(p, key)
    if (d) return 'value' in d ? d.value : undefined
  }
  return undefined
}

/** `read` that never throws. */
function peek(o: unknown, key: string): unknown {
  if (o === null || (typeof o !== 'object' && typeof o !== 'function')) return undefined
  try {
    return read(o, key)
  } catch {
    return undefined
  }
}

/**
 * Whether `e` is a `WasmAbortError` or wraps one: through `cause`, a `SuppressedError`'s `error` and
 * `suppressed`, an `AggregateError`'s `errors`. By `.name`, so that the errors of another copy of the
 * runtime (another bundle, another realm) count. Cycle-safe, never throws.
 */
export function isWasmAbort(e: unknown): boolean {
  const seen = new Set<unknown>()
  const todo: unknown[] = [e]
  while (todo.length > 0 && seen.size < 1000) {
    const x = todo.pop()
    if (x === null || typeof x !== 'object' || seen.has(x)) continue
    seen.add(x)
    const name = peek(x, 'name')
    if (name === 'WasmAbortError') return true
    todo.push(peek(x, 'cause'))
    if (name === 'SuppressedError') todo.push(peek(x, 'error'), peek(x, 'suppressed'))
    if (name === 'AggregateError') {
      const errors = peek(x, 'errors')
      const n = peek(errors, 'length')
      for (let i = 0; typeof n === 'number' && i < n && i < 1000; i++) todo.push(peek(errors, String(i)))
    }
  }
  return false
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

/** panic=unwind builds' PanicError (Rust unwound its own frames), read without running a getter or trap. */
export function isPanicError(e: unknown): boolean {
  try {
    return typeof e === 'object' && e !== null && Object.getOwnPropertyDescriptor(Object.getPrototypeOf(e) ?? {}, 'name')?.value === 'PanicError'
  } catch {
    return false
  }
}

/**
 * wasm-bindgen refusing a closure at its entry ("closure invoked recursively or after being dropped"): the
 * shim throws before any Rust frame borrows anything, so nothing is torn. After a rollback this is how a
 * closure made since the checkpoint (retired) is refused when a promise reaction or timer still calls it.
 */
export function isRefusedClosure(e: unknown): boolean {
  try {
    return e instanceof Error && Object.getPrototypeOf(e) === Error.prototype && e.message === 'closure invoked recursively or after being dropped'
  } catch {
    return false
  }
}
