// Policy 'rollback': an object made after the checkpoint has no memory in the restored instance.
import { WasmStaleObjectError } from './errors.js'
import type { Generation } from './generation.js'

/** Per class prototype, the prototype its retired objects get. */
export type Retired = WeakMap<object, object>

/** An object whose memory a rollback took away: from now on it fails typed (`free()` is a no-op). */
export function retire(g: Generation, obj: object, retired: Retired): void {
  const proto = Object.getPrototypeOf(obj)
  const tag = g.sup.tag
  if (!proto || proto[tag] === undefined) return
  let dead = retired.get(proto)
  if (!dead) {
    dead = Object.create(proto) as object
    for (const key of Reflect.ownKeys(proto)) {
      if (key === 'constructor' || key === tag || key === g.sup.genKey) continue
      const isFree = key === 'free' || key === Symbol.dispose
      const name = `${String(proto[tag])}.${String(typeof key === 'symbol' ? key.description : key)}`
      const refuse = isFree ? () => {} : () => { throw new WasmStaleObjectError(g.sup.name, name, g.id, true) }
      Object.defineProperty(dead, key, { get: isFree ? () => refuse : refuse, set: refuse, configurable: true })
    }
    retired.set(proto, dead)
  }
  for (const key of ['__wbg_ptr', 'ptr']) if (key in obj) (obj as any)[key] = 0
  Object.setPrototypeOf(obj, dead)
}
