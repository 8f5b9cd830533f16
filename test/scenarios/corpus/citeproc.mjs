// @citeproc-rs/wasm@0.2.0 (CLI 0.2.78): _esm (old bundler), _cjs (nodejs), _web, _no_modules. No trigger known.
import { outcome } from '../lib.mjs'

const STYLE = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" default-locale="en-US">
  <info><id>corpus-test</id><title>Corpus test style</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout prefix="(" suffix=")" delimiter="; "><text variable="title"/></layout></citation>
  <bibliography><layout><text variable="title" font-style="italic"/></layout></bibliography>
</style>`

export async function equivalence(m) {
  const r = {}
  r.meta = outcome(() => m.parseStyleMetadata(STYLE))
  r.noteMeta = outcome(() => m.parseStyleMetadata(STYLE.replace('class="in-text"', 'class="note"')).class)
  r.badStyle = outcome(() => m.parseStyleMetadata('<style'))
  r.driver = outcome(() => {
    const d = new m.Driver({ style: STYLE, format: 'plain' })
    d.insertReference({ id: 'r1', type: 'book', title: 'A Title' })
    d.insertReference({ id: 'r2', type: 'book', title: 'Another' })
    d.initClusters([{ id: 'c1', cites: [{ id: 'r1' }] }])
    d.setClusterOrder([{ id: 'c1' }])
    const out = { cluster: d.builtCluster('c1'), preview: d.previewCitationCluster([{ id: 'r1' }, { id: 'r2' }], [{ id: 'c1' }, {}], 'plain') }
    out.bibliography = d.makeBibliography()
    d.free()
    return out
  })
  r.driverError = outcome(() => new m.Driver({ style: '<nope/>', format: 'plain' }))
  return r
}
