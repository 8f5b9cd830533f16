import { register } from 'node:module'
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads'
// the protocol entry: CommonJS glue served through the hooks reaches it as `__wbr_rt`
import * as runtime from '@wasm-recovery/runtime/internal'
import type { Options } from '@wasm-recovery/unplugin/options'
import type { HookMessage } from './hook-message.js'
import { hookCommonJs } from './cjs-hook.js'
import { RUNTIME_KEY } from './key.js'

export type { Options }

/** The environment variable `node --import @wasm-recovery/node/register` reads its options from (JSON). */
export const OPTIONS_ENV = 'WASM_RECOVERY_OPTIONS'

/**
 * Registers the load hooks that rewrite wasm-bindgen glue as Node loads it, ES modules and CommonJS
 * alike (Node ≥ 20.19). Options are the plugin's (`policy`, `circuitBreaker`, `include`, …; RegExps and
 * functions only from code). Modules loaded before this call are not protected.
 */
export function registerWasmRecovery(options: Options = {}): void {
  const key = Symbol.for(RUNTIME_KEY)
  if (!(key in globalThis)) Object.defineProperty(globalThis, key, { value: runtime })
  // the hooks run on a thread of their own: what they report is printed here, also when the app exits
  // before this thread's event loop would have delivered it
  const { port1, port2 } = new MessageChannel()
  port1.on('message', print)
  port1.unref()
  process.once('exit', () => {
    for (let m; (m = receiveMessageOnPort(port1)); ) print(m.message as HookMessage, true)
  })
  register('./hooks.js', { parentURL: import.meta.url, data: { options, port: port2 }, transferList: [port2] })
  hookCommonJs(options, (m) => print(m))
}

function print(m: HookMessage, exiting = false): void {
  if (m.kind === 'debug') return void console.log(m.message)
  // at exit no tick runs to deliver an emitted warning: written at once, as Node would print it
  if (!exiting) return void process.emitWarning(m.message, { code: m.code })
  if (!process.execArgv.includes('--no-warnings') && !/--no-warnings/.test(process.env.NODE_OPTIONS ?? ''))
    process.stderr.write(`(node:${process.pid}) [${m.code}] Warning: ${m.message}\n`)
}

/** Options from WASM_RECOVERY_OPTIONS (JSON), for the `--import` entry. */
export function optionsFromEnv(env: Record<string, string | undefined> = process.env): Options {
  const raw = env[OPTIONS_ENV]
  if (!raw) return {}
  try {
    return JSON.parse(raw) as Options
  } catch (cause) {
    throw new Error(`${OPTIONS_ENV} must be JSON plugin options (e.g. {"policy":"rollback"}): ${String(cause)}`)
  }
}

/** The same function under the name every adapter exports. */
export { registerWasmRecovery as wasmRecovery }
export default registerWasmRecovery
