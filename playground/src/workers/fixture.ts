// A module Web Worker with its own copy of the fixture (bundler-target glue, rewritten by the plugin
// in the worker bundle too) and its own supervisor.
import { onRecovery, recoveryStats } from '@wasm-recovery/runtime'
import * as fx from '../../../test/fixtures/wasm/abort/bundler/wr_fixture.js'
import { scenario, type FromWorker, type ToWorker } from './protocol'

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
      panicMessage: (e.error as { panicMessage?: string } | undefined)?.panicMessage,
    },
  }),
)

onmessage = async (ev: MessageEvent<ToWorker>) => {
  const { id, op } = ev.data
  const r = await scenario(fx, op)
  post({ type: 'result', id, ...r, stats: recoveryStats() })
}

post({ type: 'ready', stats: recoveryStats() })
