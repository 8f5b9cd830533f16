// The user API. The protocol the emitted glue speaks with this runtime is `@wasm-recovery/runtime/internal`.
export { WasmAbortError, WasmStaleObjectError, WasmUnavailableError } from './errors.js'
export { isWasmAbort } from './classify.js'
export type { UnavailableReason } from './errors.js'
export { onRecovery } from './events.js'
export type { RecoveryEvent, RecoveryEventType, RecoveryListener } from './events.js'
export { recoveryStats, resetModule, ready, checkpoint } from './registry.js'
export type { RecoveryStats } from './registry.js'
export type { Policy, ModuleState } from './protocol.js'
