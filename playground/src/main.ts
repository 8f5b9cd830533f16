// The playground: real wasm-bindgen modules failing for real in the browser, and recovering.
// `?plugin=off` shows the same page on plain wasm-bindgen glue (see src/modules/off.ts);
// `?policy=rollback` the same page with the plugin's policy 'rollback' (see src/modules/rollback.ts).
import './style.css'
import { automergeCard } from './cards/automerge'
import { biomeCard } from './cards/biome'
import { fixtureCards } from './cards/fixture'
import { photonCard } from './cards/photon'
import { workerCard } from './cards/worker'
import { unavailableCard } from './lib/card'
import { h } from './lib/dom'
import { createPanel } from './lib/panel'
import type { Mode, Modules } from './modules/types'

// Set once per page load: a test (or you, in devtools) can tell that the page never reloaded.
const w = window as unknown as { __wrPlayground?: { bootId: string; bootedAt: number } }
w.__wrPlayground ??= { bootId: Math.random().toString(36).slice(2), bootedAt: Date.now() }

const query = new URLSearchParams(location.search)
const wanted: Mode = query.get('plugin') === 'off' ? 'off' : query.get('policy') === 'rollback' ? 'rollback' : 'on'
const { modules }: { modules: Modules } =
  wanted === 'off' ? await import('./modules/off') : wanted === 'rollback' ? await import('./modules/rollback') : await import('./modules/on')
const mode = modules.mode

const app = document.getElementById('app')!
app.dataset.mode = mode
app.dataset.ready = 'false'

const toggle = h(
  'nav',
  { class: 'toggle', testid: 'plugin-toggle', 'aria-label': 'plugin on or off' },
  h('a', { href: '?', class: mode === 'on' ? 'active' : '', testid: 'toggle-on', title: "policy 'reinit' (the default)" }, h('span', { class: 'dot on' }), 'Plugin on'),
  h('a', { href: '?policy=rollback', class: mode === 'rollback' ? 'active' : '', testid: 'toggle-rollback', title: "policy 'rollback'" }, h('span', { class: 'dot rb' }), 'Rollback'),
  h('a', { href: '?plugin=off', class: mode === 'off' ? 'active' : '', testid: 'toggle-off' }, h('span', { class: 'dot off' }), 'Plugin off'),
)

const header = h(
  'header',
  { class: 'top' },
  h(
    'div',
    { class: 'top-inner' },
    h(
      'div',
      { class: 'brand' },
      h('span', { class: 'logo', 'aria-hidden': 'true' }, '⟳'),
      h('div', null, h('h1', null, 'wasm-recovery ', h('span', { class: 'thin' }, 'playground')), h('p', { class: 'tagline' }, 'Rust panics and aborts in WebAssembly become typed errors — and the next call runs on a fresh instance.')),
    ),
    toggle,
  ),
)

const banner = h(
  'section',
  { class: `banner ${mode}`, testid: 'mode', 'data-mode': mode },
  h('b', null, mode === 'on' ? 'Plugin on. ' : mode === 'rollback' ? "Plugin on, policy 'rollback'. " : 'Plugin off. '),
  modules.how,
  ' ',
  ...(mode === 'on'
    ? [h('a', { href: '?plugin=off' }, 'See the same clicks without it →'), ' ', h('a', { href: '?policy=rollback' }, "…or with policy 'rollback' →")]
    : mode === 'rollback'
      ? [h('a', { href: '?' }, "See the same clicks under the default policy ('reinit') →")]
      : [h('a', { href: '?' }, 'See the same clicks with it →')]),
)

const panel = createPanel(mode)
const fixtureGrid = h('div', { class: 'grid' }, h('div', { class: 'card skeleton' }, 'loading wr_fixture…'))
const packagesGrid = h('div', { class: 'grid' })
const workerGrid = h('div', { class: 'grid' })

const content = h(
  'div',
  { class: 'content' },
  h(
    'section',
    null,
    h('h2', { class: 'section-title' }, 'Published packages, real inputs'),
    h('p', { class: 'section-lead' }, 'Unmodified npm packages, as built by their authors. Nothing was recompiled: the plugin rewrites their JavaScript glue while Vite bundles it.'),
    packagesGrid,
  ),
  h(
    'section',
    null,
    h('h2', { class: 'section-title' }, 'Every way a call can fail'),
    h(
      'p',
      { class: 'section-lead' },
      'Our fixture crate ',
      h('code', null, 'wr_fixture'),
      ' (wasm-bindgen 0.2.108, panic=abort) has one export per failure mode. Each button makes it fail, then tries again: the result box shows the typed error, what the objects you held do now, and whether the module’s next call works.',
    ),
    fixtureGrid,
  ),
  h('section', null, h('h2', { class: 'section-title' }, 'Workers'), workerGrid),
)

app.append(header, h('div', { class: 'page' }, banner, h('main', { class: 'layout' }, content, panel.el)))

function failed(id: string, title: string, module: string, e: unknown): HTMLElement {
  const el = unavailableCard(id, title, module, `could not load: ${String(e)}`)
  el.dataset.loadError = String(e)
  return el
}

const biomeLoad = modules.biome()
biomeLoad.catch(() => {})

const jobs = [
  modules.fixture().then(
    (fx) => fixtureGrid.replaceChildren(...fixtureCards(fx, mode)),
    (e) => fixtureGrid.replaceChildren(failed('fixture', 'wr_fixture', 'wr_fixture', e)),
  ),
  modules.photon().then(
    (p) => packagesGrid.prepend(typeof p === 'string' ? unavailableCard('photon', 'Image editor', 'photon_rs', p) : photonCard(p, mode)),
    (e) => packagesGrid.prepend(failed('photon', 'Image editor', 'photon_rs', e)),
  ),
  modules.automerge().then(
    (am) => packagesGrid.append(automergeCard(am, mode)),
    (e) => packagesGrid.append(failed('automerge', 'CRDT document', 'automerge_wasm', e)),
  ),
]
packagesGrid.append(biomeCard(biomeLoad, mode))
workerGrid.append(workerCard(modules.worker, panel, mode))

await Promise.all(jobs)
// keep a stable order: photon, automerge, biome
const order = ['card-photon', 'card-automerge', 'card-biome']
packagesGrid.replaceChildren(...order.map((id) => packagesGrid.querySelector(`[data-testid="${id}"]`)!).filter(Boolean))
panel.refresh()
app.dataset.ready = 'true'
