// CommonJS glue's `module` inside the factory: each generation's exports are its own, the rest of its
// `module` is the real one. getrandom 0.2 calls `module.require('crypto')` through the glue's
// `__wbg_static_accessor_MODULE`: a bundler's module object has no `require`, so Node's builtins are served
// where the platform has them.

/** Top level, before the factory. */
export const CJS_MODULE = `const __wbr_module = typeof module === "object" ? module : null;
function __wbr_require(id) {
  if (__wbr_module && typeof __wbr_module.require === "function") return __wbr_module.require(id);
  const m = globalThis.process?.getBuiltinModule?.(id);
  if (m) return m;
  throw new Error("Cannot find module '" + id + "'");
}`

/** First in the factory: the generation's `module` and `exports`. */
export const CJS_GENERATION_MODULE =
  'const module = Object.create(__wbr_module, { exports: { value: {}, writable: true, enumerable: true }, require: { value: __wbr_require } }), exports = module.exports;'
