// Manual checkpoints on glue that registers no objects (photon's 0.2.68 glue has no FinalizationRegistry):
// objects made after the checkpoint could not be found, so an abort falls back to a reinit.
import { checkpoint, onRecovery, recoveryStats } from '@wasm-recovery/runtime'
import { outcome, uncaught } from './lib.mjs'

export default async function run(m) {
  const r = {}
  const reasons = []
  onRecovery((e) => e.type === 'rollback-failed' && reasons.push(e.reason))
  const img = new m.PhotonImage(new Uint8Array(64), 4, 4)
  r.checkpoint = outcome(() => checkpoint('photon_rs'))
  r.crop = outcome(() => m.crop(img, 0, 0, 50, 50))
  r.img = outcome(() => img.get_width())
  r.fresh = outcome(() => new m.PhotonImage(new Uint8Array(64), 4, 4).get_width())
  r.reasons = reasons
  r.stats = recoveryStats('photon_rs')
  r.uncaught = uncaught
  return r
}
