// @ironcalc/wasm@0.8.4 (web target, CLI 0.2.126; the wasm imports a snippet module).
import { gcTwice, outcome } from '../lib.mjs'
import { statsOf } from './_util.mjs'

const model = (m) => new m.Model('Book1', 'en', 'UTC', 'en')

export async function equivalence(m) {
  const r = {}
  const book = model(m)
  r.formulas = outcome(() => {
    book.setUserInput(0, 1, 1, '21')
    book.setUserInput(0, 2, 1, '2')
    book.setUserInput(0, 3, 1, '=A1*A2')
    book.setUserInput(0, 4, 1, '=SUM(A1:A3)/3')
    book.setUserInput(0, 5, 1, '=CONCATENATE("x", TEXT(A3, "0.00"))')
    book.setUserInput(0, 6, 1, '=1/0')
    book.evaluate()
    return [1, 2, 3, 4, 5, 6].map((row) => [book.getCellContent(0, row, 1), book.getFormattedCellValue(0, row, 1)])
  })
  r.columnName = outcome(() => [m.columnNameFromNumber(28), m.columnNumberFromName('AB')])
  r.quoteName = outcome(() => m.quoteName('My Sheet'))
  r.tokens = outcome(() => m.getTokens('=SUM(A1:B2)+3').length)
  r.badSheet = outcome(() => book.setUserInput(99, 1, 1, 'x'))
  r.free = outcome(() => book.free())
  return r
}

export async function trigger(m, ctx) {
  const r = {}
  const book = model(m)
  r.before = outcome(() => (book.setUserInput(0, 1, 1, '=1+1'), book.evaluate(), book.getFormattedCellValue(0, 1, 1)))
  r.statsBefore = statsOf(ctx.module)
  r.trigger = outcome(() => book.deleteRows(0, 1, 2e9))
  r.statsAfter = statsOf(ctx.module)
  r.newObject = outcome(() => {
    const b = model(m)
    b.setUserInput(0, 1, 1, '=6*7')
    b.evaluate()
    return b.getFormattedCellValue(0, 1, 1)
  })
  r.freeFunction = outcome(() => m.columnNameFromNumber(3))
  r.stale = outcome(() => book.getFormattedCellValue(0, 1, 1))
  r.staleFree = outcome(() => book.free())
  await gcTwice()
  r.afterGc = outcome(() => model(m).getFormattedCellValue(0, 1, 1))
  r.statsEnd = statsOf(ctx.module)
  return r
}

export async function deep(m, ctx) {
  const r = {}
  const healthy = model(m)
  healthy.setUserInput(0, 1, 1, '=2+2')
  const book = model(m)
  r.statsBefore = statsOf(ctx.module)
  r.trigger = outcome(() => {
    book.setUserInput(0, 1, 1, '=' + '('.repeat(20_000) + '1' + ')'.repeat(20_000))
    book.evaluate()
    return book.getFormattedCellValue(0, 1, 1)
  })
  r.statsAfter = statsOf(ctx.module)
  r.newObject = outcome(() => {
    const b = model(m)
    b.setUserInput(0, 1, 1, '=((1+2))*3')
    b.evaluate()
    return b.getFormattedCellValue(0, 1, 1)
  })
  r.stale = outcome(() => book.getFormattedCellValue(0, 1, 1))
  // a model made BEFORE the abort: stale too, and its finalizer must not crash the process on GC
  r.healthyBefore = outcome(() => healthy.getFormattedCellValue(0, 1, 1))
  await gcTwice()
  r.afterGc = outcome(() => model(m).getFormattedCellValue(0, 1, 1))
  r.statsEnd = statsOf(ctx.module)
  return r
}
