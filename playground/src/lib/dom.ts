// A few lines of DOM building: h('div', { class: 'x', testid: 'y', onclick }, ...children).
type Child = Node | string | number | null | undefined | false
type Attrs = Record<string, unknown> | null | undefined

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue
    if (k === 'testid') el.dataset.testid = String(v)
    else if (k === 'class') el.className = String(v)
    else if (k === 'html') el.innerHTML = String(v)
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v as EventListener)
    else if (k in el && typeof v !== 'string') (el as any)[k] = v
    else el.setAttribute(k, v === true ? '' : String(v))
  }
  append(el, ...children)
  return el
}

export function append(el: Element, ...children: Child[]): void {
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(typeof c === 'number' ? String(c) : c)
}

/** Inline code with light syntax colouring of strings and numbers. */
export function code(text: string): HTMLElement {
  const el = h('code')
  const re = /('[^']*'|"[^"]*"|\b\d[\d_.e]*\b|\/\/.*$)/g
  let last = 0
  for (const m of text.matchAll(re)) {
    append(el, text.slice(last, m.index))
    const t = m[0]
    append(el, h('span', { class: t.startsWith('//') ? 'tok-comment' : /^\d/.test(t) ? 'tok-num' : 'tok-str' }, t))
    last = m.index! + t.length
  }
  append(el, text.slice(last))
  return el
}

export function fmtMs(ms: number): string {
  return ms < 1 ? `${ms.toFixed(2)} ms` : ms < 100 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`
}
