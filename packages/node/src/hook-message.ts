/** What the hooks thread reports to the main thread, which prints it. */
export type HookMessage = { kind: 'warn'; code: string; message: string } | { kind: 'debug'; message: string }
