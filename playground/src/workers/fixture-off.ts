// The plugin-OFF twin of fixture.ts: plain web-target glue (excluded from the plugin by `?plugin=off`).
import * as fx from '../../../test/fixtures/wasm/abort/web/wr_fixture.js?plugin=off'
import type { Fixture } from '../modules/types'
import { scenario, type FromWorker, type ToWorker } from './protocol'

const post = (m: FromWorker) => postMessage(m)

try {
  await fx.default()
  onmessage = async (ev: MessageEvent<ToWorker>) => {
    const { id, op } = ev.data
    const r = await scenario(fx as unknown as Fixture, op, false, true)
    post({ type: 'result', id, ...r, stats: [] })
  }
  post({ type: 'ready', stats: [] })
} catch (e) {
  post({ type: 'load-error', message: String(e) })
}
