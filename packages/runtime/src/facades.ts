// The stable entries the app holds (class facades, value exports, calls generated at run time): each
// call goes through the supervisor to the live generation, so an object or function the app kept
// survives every recovery.
import type { Generation } from './generation.js'
import type { Supervisor } from './supervisor.js'

/**
 * A call from outside into the live generation, for the entries generated at run time (constructors,
 * statics, functions the build could not classify, methods it did not see). The hot ones are generated
 * per export instead. `g`: the generation the call belongs to (a method's object's), else the live one.
 */
/** `self`: the receiver of a method, for rollback's escalation (see escalation.ts). */
export function callThrough(sup: Supervisor, label: string, args: unknown[], call: (g: Generation) => unknown, g: Generation = sup.live(), self?: object): unknown {
  if (sup.depth === 0 && g.touched && g.ckpt) sup.enter(g)
  sup.depth++
  try {
    const r = call(g)
    sup.streak = 0
    return sup.settled(g, r)
  } catch (e) {
    throw sup.fail(g, e, label, args, self)
  } finally {
    sup.depth--
  }
}

/** Each supervisor's class facades, by name (see linkPrototype). */
const facadesOf = new WeakMap<Supervisor, Map<string, Function>>()

/**
 * A generation's class joined to the app's (its facade): `constructor` is the facade, and a base class's
 * prototype inherits from the facade's, so what the app adds to `X.prototype` (a `toJSON`, a helper)
 * reaches every instance of every generation, as it does without the plugin.
 */
export function linkPrototype(sup: Supervisor, name: string, proto: object): void {
  const facade = facadesOf.get(sup)?.get(name)
  if (!facade) return
  Object.defineProperty(proto, 'constructor', { value: facade, writable: true, configurable: true })
  // a subclass keeps its own chain (a wrapper's `class X2 extends X`): its base is linked in turn
  if (Object.getPrototypeOf(proto) === Object.prototype) Object.setPrototypeOf(proto, facade.prototype)
}

/** Facade for an exported class: construction and statics go to the live generation. */
export function facadeClass(sup: Supervisor, name: string, statics: readonly string[]): Function {
  const Facade = function (this: unknown, ...args: unknown[]) {
    if (!new.target) throw new TypeError(`Class constructor ${name} cannot be invoked without 'new'`)
    return callThrough(sup, `${name}.constructor`, args, (g) => new g.ns[name](...args))
  }
  Object.defineProperty(Facade, 'name', { value: name })
  Object.defineProperty(Facade, Symbol.hasInstance, {
    value: (o: unknown) => o !== null && typeof o === 'object' && (o as any)[sup.tag] === name,
  })
  for (const s of statics) {
    const label = `${name}.${s}`
    Object.defineProperty(Facade, s, {
      writable: true,
      configurable: true,
      value: (...args: unknown[]) => callThrough(sup, label, args, (g) => g.ns[name][s](...args)),
    })
  }
  const all = facadesOf.get(sup) ?? facadesOf.set(sup, new Map()).get(sup)!
  all.set(name, Facade)
  // the first generation's classes exist already (later ones link theirs in patchClasses)
  const cls = sup.current?.ns?.[name]
  if (typeof cls === 'function' && cls.prototype) linkPrototype(sup, name, cls.prototype)
  return Facade
}

/**
 * A value export (enum object, constant) of the first generation. A function the build could not
 * classify (a class compiled to ES5, a function exported through a variable) gets a facade here, so
 * it follows the live generation like the others; a class found so is patched by later generations too.
 */
export function valueExport(sup: Supervisor, name: string): unknown {
  const v = sup.current.ns[name]
  if (typeof v !== 'function') return v
  const proto = v.prototype && Object.getOwnPropertyNames(v.prototype)
  if (proto && proto.length > 1) {
    sup.dynamicClasses.push(name)
    sup.current.patchClasses([name])
    const statics = Object.getOwnPropertyNames(v).filter((k) => typeof v[k] === 'function' && !k.startsWith('__'))
    return facadeClass(sup, name, statics)
  }
  return function (this: unknown, ...args: unknown[]) {
    return callThrough(sup, name, args, (g) => g.ns[name].apply(this, args))
  }
}
