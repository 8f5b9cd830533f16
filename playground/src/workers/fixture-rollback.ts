// The rollback twin of fixture.ts: the same bundler-target glue, imported with `?policy=rollback`
// (vite.config.ts gives it policy 'rollback'; its worker bundle has the plugins too).
import { onRecovery, recoveryStats } from '@wasm-recovery/runtime'
import * as glue from '../../../test/fixtures/wasm/abort/bundler/wr_fixture.js?policy=rollback'
import type { Fixture } from '../modules/types'
import { scenario, type FromWorker, type ToWorker } from './protocol'

const fx = glue as unknown as Fixture
const post = (m: FromWorker) => postMessage(m)

onRecovery((e) =>
  post({
    type: 'event',
    event: {
      type: e.type,
      module: e.module,
      export: e.export,
      generation: e.generation,
      durationMs: e.durationMs,
      bytes: e.bytes,
      reason: e.reason,
      panicMessage: (e.error as { panicMessage?: string } | undefined)?.panicMessage,
    },
  }),
)

onmessage = async (ev: MessageEvent<ToWorker>) => {
  const { id, op } = ev.data
  const r = await scenario(fx, op, true)
  post({ type: 'result', id, ...r, stats: recoveryStats() })
}

post({ type: 'ready', stats: recoveryStats() })
