/**
 * The runtime's API (errors, `onRecovery`, `recoveryStats`, …) from the package the app installed, for
 * app code in the bundle: this entry is the runtime alone, never the plugin (which needs Node).
 */
export * from '@wasm-recovery/runtime'
