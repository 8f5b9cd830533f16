// Runs one mode of a corpus scenario and prints its JSON report (shared by bundled and direct runs).
import { events, uncaught } from '../lib.mjs'
import { statsOf } from './_util.mjs'

/**
 * @param m the package's exports (already initialised)
 * @param scenario the scenario module (exports one async function per mode)
 * @param mode 'equivalence' | 'trigger' | 'deep' | …
 * @param ctx { module, label, nodeModules, variant }
 */
export async function runMode(m, scenario, mode, ctx) {
  const report = { mode, label: ctx.label }
  const fn = scenario[mode]
  if (typeof fn !== 'function') report.error = `scenario has no mode ${mode}`
  else {
    try {
      report.value = await fn(m, ctx)
    } catch (e) {
      report.error = String(e?.stack ?? e)
    }
  }
  report.events = events.slice()
  report.stats = statsOf(ctx.module)
  report.uncaught = uncaught.slice()
  console.log('RESULT:' + JSON.stringify(report))
}
