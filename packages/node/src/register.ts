// `node --import @wasm-recovery/node/register app.mjs`: the hooks, with options from WASM_RECOVERY_OPTIONS.
import { optionsFromEnv, registerWasmRecovery } from './index.js'

registerWasmRecovery(optionsFromEnv())
