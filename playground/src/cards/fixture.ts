// Our fixture crate (test/fixtures/crate): one card per failure mode of a wasm-bindgen module.
import { resetModule } from '@wasm-recovery/runtime'
import { action, type ActionDef } from '../lib/action'
import { card } from '../lib/card'
import { h } from '../lib/dom'
import { errorInfo, runAll, type ActionResult, type Outcome, type Step } from '../lib/outcome'
import { leakStep } from '../lib/leak'
import { stateOf } from '../lib/stats'
import type { Fixture, Mode } from '../modules/types'

const MODULE = 'wr_fixture'

interface Demo {
  id: string
  title: string
  intro: string
  snippet: string
  on: string
  off: string
  /**
   * Builds the trigger and the steps after it (fresh objects per click); in rollback mode also what to
   * read before the trigger (`before`), and maybe other steps.
   */
  make(fx: Fixture, mode: Mode): { before?: Step[]; trigger: Step; steps: Step[] }
  button: string
}

const DEMOS: Demo[] = [
  {
    id: 'panic',
    title: 'Panic',
    intro: 'A plain <code>panic!()</code>. Under <code>panic=abort</code> (the default) the instance traps with <code>RuntimeError: unreachable</code>.',
    snippet: "panic_now('boom from the playground')",
    button: 'Panic',
    on: 'a WasmAbortError carrying the panic text; the next call runs on a fresh instance (its start function ran once: start_count() is 1), and a thousand more panics change nothing.',
    off: 'RuntimeError: unreachable, and the same instance carries on: greet() still works, but each panic leaked shadow stack, and after about 7,300 panics every call that needs the stack fails with "memory access out of bounds" until the page reloads (the card runs them).',
    make: (fx, mode) => ({
      trigger: { label: "panic_now('boom from the playground')", run: () => fx.panic_now('boom from the playground') },
      steps:
        mode === 'off'
          ? [
              { label: 'start_count()  // 1: the instance that trapped, never restarted', run: () => fx.start_count() },
              { label: "greet('again')  // works, for now", run: () => fx.greet('again') },
              leakStep(fx),
            ]
          : [
              { label: 'start_count()  // a fresh instance: its start ran once', run: () => fx.start_count() },
              { label: "greet('again')", run: () => fx.greet('again') },
            ],
    }),
  },
  {
    id: 'mut',
    title: 'Panic in &mut self',
    intro: 'A method panics while <code>&amp;mut self</code> is borrowed: the RefCell borrow flag is never released.',
    snippet: 'const c = new Counter(41)\nc.panic_in_mut()',
    button: 'Panic in a method',
    on: 'WasmAbortError; the counter you held belonged to the dead instance (WasmStaleObjectError), a new Counter works.',
    off: 'RuntimeError, then every use of that counter throws "recursive use of an object detected…" until the page reloads.',
    make: (fx, mode) => {
      const c = new fx.Counter(41)
      if (mode === 'rollback')
        return {
          before: [{ label: 'c.value', run: () => c.value }],
          trigger: { label: 'c.panic_in_mut()', run: () => c.panic_in_mut() },
          steps: [
            { label: 'c.value  // the counter you held: as before the call', run: () => c.value },
            { label: 'c.increment()  // and it works on', run: () => c.increment() },
            { label: 'new Counter(1).increment()', run: () => new fx.Counter(1).increment() },
          ],
        }
      return {
        trigger: { label: 'c.panic_in_mut()', run: () => c.panic_in_mut() },
        steps: [
          { label: 'c.value  // the counter you held', run: () => c.value },
          { label: 'new Counter(1).increment()', run: () => new fx.Counter(1).increment() },
        ],
      }
    },
  },
  {
    id: 'callback',
    title: 'Throwing callback',
    intro: 'A JS callback throws while Rust holds <code>&amp;mut self</code>: the throw unwinds the Rust frames with no cleanup (a torn borrow).',
    snippet: "c.with_callback(() => { throw new Error('callback refused') })",
    button: 'Throw from a callback',
    on: "your callback's own Error, unchanged; the torn borrow is caught on the next use of the counter (WasmAbortError), and the module is fresh again.",
    off: 'the same Error, then the counter is stuck: "recursive use of an object detected…" on every use.',
    make: (fx, mode) => {
      const c = new fx.Counter(1)
      return {
        trigger: {
          label: "c.with_callback(() => { throw new Error('callback refused') })",
          run: () =>
            c.with_callback(() => {
              throw new Error('callback refused')
            }),
        },
        steps: [
          {
            label: mode === 'rollback' ? 'c.increment()  // the call was undone: the counter you held works on' : 'c.increment()  // the counter you held',
            run: () => c.increment(),
          },
          ...(mode === 'rollback' ? [{ label: 'c.increment()  // once more', run: () => c.increment() }] : []),
          { label: 'new Counter(1).increment()', run: () => new fx.Counter(1).increment() },
        ],
      }
    },
  },
  {
    id: 'closure',
    title: 'Panicking closure',
    intro: 'A Rust <code>Closure</code> handed to JS as a function (<code>x =&gt; x * 2</code>) panics when called with 0.',
    snippet: 'const double = make_closure()\ndouble(0)',
    button: 'Call closure with 0',
    on: 'WasmAbortError; a closure made by the dead instance is refused, a new one works.',
    off: 'RuntimeError: unreachable; the closure keeps being called on the instance that trapped.',
    make: (fx) => {
      const double = fx.make_closure() as (x: number) => number
      return {
        trigger: { label: 'double(0)', run: () => double(0) },
        steps: [
          { label: 'double(21)  // the closure you held', run: () => double(21) },
          { label: 'make_closure()(21)', run: () => (fx.make_closure() as (x: number) => number)(21) },
        ],
      }
    },
  },
  {
    id: 'oom',
    title: 'Out of memory',
    intro: 'Asks for 3 GB; the module’s memory is capped at 1 GiB, so Rust’s allocation-failure handler aborts (a trap, no panic message).',
    snippet: 'alloc_huge(3e9)',
    button: 'Allocate 3 GB',
    on: 'WasmAbortError (cause RuntimeError); the fresh instance starts with fresh memory.',
    off: 'RuntimeError: unreachable, nothing printed, nothing reported: the app cannot tell it from a panic, and the instance that aborted takes the next call. (Here the allocator failed before touching memory, so that call works; an abort in the middle of Rust code leaves it half-done.)',
    make: (fx) => ({
      trigger: { label: 'alloc_huge(3e9)', run: () => fx.alloc_huge(3e9) },
      steps: [{ label: 'alloc_huge(1_000_000)', run: () => fx.alloc_huge(1_000_000) }],
    }),
  },
  {
    id: 'overflow',
    title: 'Stack overflow',
    intro: 'Recursion 100 million frames deep exhausts the engine’s stack in the middle of Rust code.',
    snippet: 'recurse(1e8)',
    button: 'Recurse 1e8 deep',
    on: 'RangeError through wasm frames counts as an abort: WasmAbortError (cause RangeError), fresh instance.',
    off: 'RangeError: Maximum call stack size exceeded, as from any JS recursion: nothing says Rust code was cut off half-way, and that instance takes the next call. (recurse() keeps no state, so here the call works; deep input to biome or swc leaves their state half-built.)',
    make: (fx) => ({
      trigger: { label: 'recurse(1e8)', run: () => fx.recurse(1e8) },
      steps: [{ label: 'recurse(10)', run: () => fx.recurse(10) }],
    }),
  },
  {
    id: 'async',
    title: 'Async panic',
    intro: 'An async export panics after an <code>.await</code>, inside a microtask: the trap never reaches the returned Promise.',
    snippet: "await async_panic('async boom')",
    button: 'Panic after await',
    on: 'the Promise rejects with WasmAbortError, and nothing surfaces as an uncaught error.',
    off: 'the Promise never settles, and an uncaught RuntimeError lands on window (see the panel’s counter).',
    make: (fx) => ({
      trigger: { label: "await async_panic('async boom')", run: () => fx.async_panic('async boom'), timeoutMs: 2000 },
      steps: [{ label: 'await async_ok(41)', run: () => fx.async_ok(41), timeoutMs: 2000 }],
    }),
  },
]

function result(r: { before?: Outcome[]; trigger: Outcome; steps: Outcome[] }): ActionResult {
  return { ...r, ...stateOf(MODULE) }
}

/** What the other modes show for the same click. */
function contrast(d: Demo, mode: Mode): { label: string; text: string } {
  if (mode === 'on') return { label: 'Without the plugin:', text: d.off }
  if (mode === 'rollback') return { label: "Under the default policy ('reinit'):", text: d.on }
  return { label: 'With the plugin:', text: d.on }
}

export function fixtureCards(fx: Fixture, mode: Mode): HTMLElement[] {
  const cards = DEMOS.map((d) => {
    const def: ActionDef = {
      id: d.id,
      label: d.button,
      module: MODULE,
      perform: async () => {
        const { before, trigger, steps } = d.make(fx, mode)
        return result(await runAll(trigger, steps, before))
      },
    }
    return card({
      id: `fixture-${d.id}`,
      title: d.title,
      module: MODULE,
      intro: d.intro,
      snippet: d.snippet,
      actions: [action(def)],
      contrast: contrast(d, mode),
    })
  })
  cards.push(stormCard(fx, mode))
  return cards
}

const STORM = 25

function stormCard(fx: Fixture, mode: Mode): HTMLElement {
  const storm = action({
    id: 'storm',
    label: `Panic ${STORM}× in a row`,
    module: MODULE,
    perform: async () => {
      const t0 = performance.now()
      const counts = new Map<string, number>()
      let last: unknown
      for (let i = 0; i < STORM; i++) {
        try {
          fx.panic_now(`storm ${i + 1}`)
        } catch (e) {
          last = e
          const info = errorInfo(e)
          const key = info.reason ? `${info.name} (${info.reason})` : info.name
          counts.set(key, (counts.get(key) ?? 0) + 1)
        }
      }
      const summary = [...counts].map(([k, n]) => `${n} × ${k}`).join(', ')
      const trigger: Outcome = { label: `${STORM} × panic_now(…)`, ok: false, error: { ...errorInfo(last), message: summary }, ms: performance.now() - t0 }
      trigger.summary = summary
      // without the plugin nothing counts them: the instance takes calls until its leaked stack runs out
      const next = mode === 'off' ? [{ label: 'add(2, 3)  // nothing tripped', run: () => fx.add(2, 3) }, leakStep(fx)] : [{ label: 'add(2, 3)', run: () => fx.add(2, 3) }]
      const after = await runAll({ label: 'noop', run: () => 0 }, next)
      return result({ trigger, steps: after.steps })
    },
  })
  const reset = action({
    id: 'reset',
    label: 'Reset module',
    variant: 'primary',
    module: MODULE,
    title: mode === 'off' ? 'without the plugin nothing can reset a wasm instance but a page reload' : "resetModule('wr_fixture')",
    perform: async () => {
      const r = await runAll({ label: "await resetModule('wr_fixture')", run: () => resetModule(MODULE).then(() => 'live') }, [
        { label: 'add(2, 3)', run: () => fx.add(2, 3) },
      ])
      return result(r)
    },
  })
  if (mode === 'off') reset.button.disabled = true
  return card({
    id: 'fixture-storm',
    title: 'Panic storm → circuit breaker',
    module: MODULE,
    intro:
      mode !== 'off'
        ? `${STORM} panics with no successful call in between. After 20 (<code>circuitBreaker.maxConsecutiveAborts</code>) the module is refused: <code>WasmUnavailableError</code>, reason <code>breaker</code>, on every call, for every card using it, until <b>Reset</b> calls <code>resetModule()</code>.`
        : `${STORM} panics in a row. Without the plugin nothing counts them and nothing stops them: the same instance takes every call, each panic leaks shadow stack, and the card goes on panicking until greet() fails with "memory access out of bounds". No reset exists short of reloading the page.`,
    snippet: `for (let i = 0; i < ${STORM}; i++) panic_now(\`storm \${i + 1}\`)\nawait resetModule('wr_fixture')`,
    actions: [storm, reset],
    contrast:
      mode === 'rollback'
        ? { label: "Policy 'rollback' too:", text: 'each panic is rolled back, but the breaker counts aborts all the same: a module that only ever aborts is refused.' }
        : mode === 'on'
        ? { label: 'Without the plugin:', text: `${STORM} RuntimeErrors, no breaker: the instance takes calls until its leaked shadow stack runs out (about 7,300 panics) and then fails every call that needs it, until the page reloads.` }
        : { label: 'With the plugin:', text: 'the breaker trips after 20 aborts (state poisoned) and Reset brings a fresh instance.' },
  })
}
