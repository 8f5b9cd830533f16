// The protocol between the glue the plugin emits and this runtime (see protocol.ts). Not user API: only
// the plugin's output imports this entry, and its shape may change with any release of the plugin.
export { createSupervisor } from './registry.js'
export { Checkpoint } from './rollback.js'
export { Escalation } from './escalation.js'
export { WebInit } from './web-init.js'
export { inlineWasm, assetWasm, moduleWasm } from './load.js'
export type { WasmSource } from './load.js'
export { GenState, HOT_MEMBERS } from './protocol.js'
export type { ModuleSpec, RollbackSpec, MethodWrap, Policy, ModuleState, SupervisorMember, GenerationMember } from './protocol.js'
export type { Supervisor } from './supervisor.js'
export type { Generation } from './generation.js'
export type { GlueContext } from './context.js'
