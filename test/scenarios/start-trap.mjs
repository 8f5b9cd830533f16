// Imported before the glue: every instance after the first gets a start function that traps, as a
// module whose start aborts would (counted, so the test sees how many instances were attempted).
export const made = { instances: 0 }
const RealInstance = WebAssembly.Instance
WebAssembly.Instance = function (module, imports) {
  const instance = new RealInstance(module, imports)
  if (made.instances++ === 0) return instance
  const exports = { ...instance.exports }
  exports.__wbindgen_start = () => {
    throw new WebAssembly.RuntimeError('unreachable')
  }
  return new Proxy(instance, { get: (t, p) => (p === 'exports' ? exports : Reflect.get(t, p)) })
}
