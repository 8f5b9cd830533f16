// Imported before the package: counts the decodes of an inlined wasm (base64 of `\0asm`, megabytes in a
// real package), so a test can see that a recovery compiles nothing and decodes it no more.
const isWasm = (s) => typeof s === 'string' && s.length > 1000 && /^(data:[^,]*,)?AGFzbQ/.test(s)
export const decodes = { count: 0 }
const from = Buffer.from
Buffer.from = function (value, ...rest) {
  if (isWasm(value)) decodes.count++
  return from.call(this, value, ...rest)
}
// esbuild's and rolldown's `__toBinary` read the text with a loop of charCodeAt from 0
const charCodeAt = String.prototype.charCodeAt
String.prototype.charCodeAt = function (i) {
  if (i === 0 && isWasm(String(this))) decodes.count++
  return charCodeAt.call(this, i)
}
const atob = globalThis.atob
globalThis.atob = (s) => {
  if (isWasm(s)) decodes.count++
  return atob(s)
}
