import { code, h } from './dom'
import type { Action } from './action'

export interface CardDef {
  id: string
  title: string
  /** The wasm-bindgen module name (as recoveryStats and the errors name it). */
  module: string
  wide?: boolean
  /** One or two sentences: what this does in Rust terms. */
  intro: string
  /** The call that fails, as code. */
  snippet?: string
  /** What the other half of the page (plugin on/off) shows for the same click. */
  contrast?: { label: string; text: string }
  /** Extra UI between the intro and the buttons (editors, canvases). */
  body?: Node | null
  actions: Action[]
  /** Controls that are not demos (filters, format, reset). */
  extra?: Node[]
  /** Wide cards: `body` on the left; these, the buttons and the results on the right. */
  side?: Node[]
}

export function card(def: CardDef): HTMLElement {
  return h(
    'article',
    { class: `card${def.wide ? ' wide' : ''}`, testid: `card-${def.id}`, id: def.id },
    h('header', null, h('h3', null, def.title), h('span', { class: 'modtag' }, def.module)),
    h('p', { class: 'intro', html: def.intro }),
    def.snippet ? h('pre', { class: 'snippet' }, code(def.snippet)) : null,
    ...(def.side
      ? [h('div', { class: 'card-split' }, h('div', null, def.body ?? null), h('div', null, ...def.side, ...demos(def)))]
      : [def.body ?? null, ...demos(def)]),
    def.contrast ? h('p', { class: 'contrast', testid: `${def.id}-contrast` }, h('b', null, def.contrast.label), ' ', def.contrast.text) : null,
  )
}

function demos(def: CardDef): Node[] {
  return [h('div', { class: 'buttons' }, ...def.actions.map((a) => a.button), ...(def.extra ?? [])), ...def.actions.map((a) => a.box)]
}

/** A card for a package that could not load in this half of the page. */
export function unavailableCard(id: string, title: string, module: string, why: string, wide = true): HTMLElement {
  return h(
    'article',
    { class: `card unavailable${wide ? ' wide' : ''}`, testid: `card-${id}`, 'data-unavailable': 'true', id },
    h('header', null, h('h3', null, title), h('span', { class: 'modtag' }, module)),
    h('p', { class: 'intro', testid: `${id}-unavailable` }, why),
  )
}
