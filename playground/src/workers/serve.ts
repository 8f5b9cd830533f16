// The body of the supervised fixture workers (fixture.ts, fixture-rollback.ts): forward every recovery
// event to the page, answer its scenario requests, say when ready.
import { onRecovery, recoveryStats } from '@wasm-recovery/runtime'
import type { Fixture } from '../modules/types'
import { eventFields, scenario, type FromWorker, type ToWorker } from './protocol'

export function serve(fx: Fixture, rollback: boolean): void {
  const post = (m: FromWorker) => postMessage(m)
  onRecovery((e) => post({ type: 'event', event: eventFields(e) }))
  onmessage = async (ev: MessageEvent<ToWorker>) => {
    const { id, op } = ev.data
    const r = await scenario(fx, op, rollback)
    post({ type: 'result', id, ...r, stats: recoveryStats() })
  }
  post({ type: 'ready', stats: recoveryStats() })
}
