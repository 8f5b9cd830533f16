// @ironcalc/wasm@0.8.4 (web target, CLI 0.2.126): deleteRows(0, 1, 2e9) is an allocation-failure abort
// (the instance's memory grows to ~3.76 GB in that one call).
import { loop } from './_loop.mjs'

export default async function run(m, p) {
  const rss = []
  const triggerMs = []
  const r = await loop(m, { ...p, rssEvery: 1, onIteration: () => rss.push(process.memoryUsage.rss()) }, {
    ordinary(m, i) {
      const model = new m.Model('Sheet1', 'en', 'UTC', 'en')
      model.setUserInput(0, 1, 1, `=${i}*2+1`)
      model.evaluate()
      const v = model.getFormattedCellValue(0, 1, 1)
      if (v !== String(Math.max(i, 0) * 2 + 1) && i >= 0) throw new Error(`A1 = ${v}`)
      if (m.columnNameFromNumber(28) !== 'AB') throw new Error('columnNameFromNumber') // a free function
      return model
    },
    trigger(m, model) {
      const t0 = performance.now()
      try {
        model.deleteRows(0, 1, 2e9)
      } finally {
        triggerMs.push(Math.round(performance.now() - t0))
      }
    },
  })
  r.rssAfterEach = rss
  r.triggerMs = triggerMs
  return r
}
