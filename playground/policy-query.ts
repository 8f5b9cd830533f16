// A playground-local Vite plugin for the rollback half of the page (`?policy=rollback`,
// src/modules/rollback.ts). The query on an import reaches only the module imported: a bundler-target
// package's entry (`photon_rs.js`, `wr_fixture.js`, `automerge_wasm.js`) is not the glue itself, it
// imports the real glue (`./photon_rs_bg.js`) next to it. This carries the importer's query to its
// relative `.js` imports, so that the glue's id ends in `?policy=rollback` too, where the plugin's
// `policy` function (vite.config.ts) sees it.
import type { Plugin } from 'vite'

export function carryQuery(query: string, test: RegExp): Plugin {
  return {
    name: 'playground:carry-query',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !test.test(importer) || !source.startsWith('.') || !/\.[cm]?js$/.test(source)) return null
      const r = await this.resolve(source, importer.replace(/[?#].*$/, ''), { ...options, skipSelf: true })
      if (!r || r.external || test.test(r.id)) return r
      return { ...r, id: `${r.id}${r.id.includes('?') ? '&' : '?'}${query}` }
    },
  }
}
