// didkit-wasm-node 0.2 (0.2.7x nodejs glue): getrandom 0.2 calls `module.require('crypto')` on the module
// object the glue hands it; each generation's own module object failed that ("getObject(...).require is
// not a function"), under the register hook and in bundles alike. No trap is known in its API.
import d from '@spruceid/didkit-wasm-node'
import { recoveryStats } from '@wasm-recovery/runtime'
const key = JSON.parse(d.generateEd25519Key())
const did = d.keyToDID('key', JSON.stringify(key))
const stats = (() => { try { return recoveryStats('didkit_wasm').state } catch { return 'not supervised' } })()
console.log('RESULT:' + JSON.stringify({ kty: key.kty, did: did.startsWith('did:key:z6Mk'), version: d.getVersion(), stats }))
