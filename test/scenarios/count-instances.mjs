// Imported before the glue: wraps every WebAssembly instance's exported functions with counters, so the
// test sees calls that reached raw wasm without trusting the code under test.
export const calls = { total: 0, perInstance: [], afterDeath: [] }
export const deadAt = new Map()
const RealInstance = WebAssembly.Instance
const realInstantiate = WebAssembly.instantiate

function count(instance) {
  const i = calls.perInstance.length
  calls.perInstance.push(0)
  calls.afterDeath.push(0)
  const exports = {}
  for (const [k, v] of Object.entries(instance.exports)) {
    if (typeof v !== 'function') {
      exports[k] = v
      continue
    }
    const counted = (...args) => {
      calls.total++
      calls.perInstance[i]++
      if (deadAt.has(i)) calls.afterDeath[i]++
      return v(...args)
    }
    // keep the arity of the wasm function (guards are made per arity)
    exports[k] = Object.defineProperty(counted, 'length', { value: v.length })
  }
  return new Proxy(instance, { get: (t, p) => (p === 'exports' ? exports : Reflect.get(t, p)) })
}

WebAssembly.Instance = function (module, imports) {
  return count(new RealInstance(module, imports))
}
WebAssembly.instantiate = async (src, imports) => {
  const r = await realInstantiate(src, imports)
  return r instanceof RealInstance ? count(r) : { module: r.module, instance: count(r.instance) }
}
