// One copy of an app: the fixture crate and the runtime, bundled on its own. The page imports it twice
// (two separate bundles, so two copies of the runtime); nothing of it is put on globalThis.
import * as m from '../../fixtures/wasm/abort/bundler/wr_fixture.js'
import { onRecovery, recoveryStats, resetModule } from '@wasm-recovery/runtime'

export const events = []
onRecovery((e) =>
  events.push({ type: e.type, module: e.module, id: e.id, generation: e.generation, error: e.error?.name, cause: e.error ? 'cause' in e.error : undefined }),
)

export { m, recoveryStats, resetModule }

/** The outcome of a call as plain JSON. */
export function outcome(fn) {
  try {
    return { ok: true, value: fn() }
  } catch (e) {
    return { ok: false, name: e?.name, reason: e?.reason }
  }
}
