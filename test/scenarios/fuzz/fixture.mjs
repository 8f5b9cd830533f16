// Our fixture crate (bundler target): numbers, strings, a class with &mut self, callbacks into JS that
// call back into wasm (re-entrancy), a `catch` import, a Rust closure, recursion, an async export.
export const module = 'wr_fixture'

// A step makes one call from the app, or is a generator yielding one thunk per call (see exec.mjs runStep):
// policy 'rollback' restores the state from before the failed CALL, so a retry resumes at that call.
export function workload(m) {
  return [
    ['add', () => m.add(2, 3)],
    ['greet', () => m.greet('fuzz ✓')],
    ['new Counter, increment twice', function* (s) {
      s.c = yield () => new m.Counter(5)
      yield () => s.c.increment()
      yield () => s.c.increment()
      return yield () => s.c.value
    }],
    ['with_callback (&mut self borrowed during the callback)', (s) => s.c.with_callback((v) => v * 3)],
    ['call_callback re-entering wasm', () => m.call_callback((v) => m.add(v, 1), 5)],
    ['call_callback re-entering with a string', () => m.call_callback((v) => m.greet(String(v)).length, 7)],
    ['try_callback', () => m.try_callback((v) => v * 2, 3)],
    ['make_closure, call it', function* (s) {
      s.closure = yield () => m.make_closure()
      return yield () => s.closure(4)
    }],
    ['recurse(10)', () => m.recurse(10)],
    ['async_ok', () => m.async_ok(41)],
    ['start_count', () => m.start_count()],
    ['free, new Counter', function* (s) {
      yield () => s.c.free()
      s.c2 = yield () => new m.Counter(1)
      return yield () => s.c2.increment()
    }],
    ['free the second counter', (s) => (s.c2.free(), 'freed')],
  ]
}

export function stale(m, s) {
  const out = []
  for (const k of ['c', 'c2']) if (s[k]) out.push([`${k}.increment()`, () => s[k].increment()], [`${k}.value`, () => s[k].value], [`${k}.free()`, () => s[k].free(), 'free'])
  if (s.closure) out.push(['closure(1)', () => s.closure(1)])
  return out
}

export async function check(m) {
  const c = new m.Counter(7)
  const out = [
    m.add(1, 2),
    m.greet('check'),
    c.increment(),
    c.with_callback((v) => v + 1),
    m.call_callback((v) => m.add(v, v), 4),
    m.make_closure()(5),
    await m.async_ok(1),
    m.start_count(),
    m.recurse(5),
  ]
  c.free()
  return out
}
