// Imported before the glue: every instance's `__wbindgen_start` traps while `control.trapStarts` is set
// at the time it is called (not when the instance is made), as a start that aborts would; instances are counted.
export const control = { trapStarts: false, instances: 0 }
const RealInstance = WebAssembly.Instance
WebAssembly.Instance = function (module, imports) {
  const instance = new RealInstance(module, imports)
  control.instances++
  const start = instance.exports.__wbindgen_start
  if (typeof start !== 'function') return instance
  const exports = { ...instance.exports }
  exports.__wbindgen_start = () => {
    if (control.trapStarts) throw new WebAssembly.RuntimeError('unreachable')
    return start()
  }
  return new Proxy(instance, { get: (t, p) => (p === 'exports' ? exports : Reflect.get(t, p)) })
}
