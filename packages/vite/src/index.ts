import { findWasmBindgenDepTree, nodeEntryIsCommonJs, unplugin } from '@wasm-recovery/unplugin'
import type { Options } from '@wasm-recovery/unplugin/options'
import type { ConfigEnv, Plugin, UserConfig } from 'vite'

export type { Options }

/** How app code imports the runtime: kept out of pre-bundling, so dev has one copy as builds do. */
const RUNTIME_IMPORTS = ['@wasm-recovery/runtime', '@wasm-recovery/vite/runtime']

/**
 * The wasm-recovery plugin for Vite. Besides the transform it keeps wasm-bindgen dependencies in reach
 * of it: out of dependency pre-bundling (which would bypass it; our runtime likewise, see RUNTIME_IMPORTS), bundled in SSR (instead of loaded by
 * Node as they are; inlined under Vitest likewise), and added to worker bundles (which have their own plugin list).
 */
export function wasmRecovery(options?: Options): Plugin[] {
  const core = unplugin.vite(options) as Plugin | Plugin[]
  const plugins = Array.isArray(core) ? core : [core]
  const config: Plugin = {
    name: 'wasm-recovery:config',
    enforce: 'pre',
    config(user: UserConfig, env: ConfigEnv): UserConfig {
      const root = user.root ?? process.cwd()
      const { deps, parents } = findWasmBindgenDepTree(root)
      // the dev server's SSR runner evaluates ES modules only: a package Node imports as CommonJS stays
      // external there (Node loads it, without recovery, as without the plugin); builds and Vitest (mode
      // 'test': its runner has a require) bundle it
      const devSsr = env.command === 'serve' && env.mode !== 'test'
      const workerPlugins = user.worker?.plugins
      return {
        // the runtime too: pre-bundled for the app's import while the glue imports its file, a page
        // would hold two copies of it (and of its error classes: `instanceof` false in dev only)
        optimizeDeps: { exclude: [...deps, ...RUNTIME_IMPORTS] },
        // (with the ES packages through which the app reaches one: an external parent's import is Node's)
        ssr: { noExternal: [...(devSsr ? deps.filter((d) => !nodeEntryIsCommonJs(root, d)) : deps), ...parents] },
        // Vitest runs dependencies with Node unless inlined: inlined, their glue goes through the transform
        ...({ test: { server: { deps: { inline: [...deps, ...parents] } } } } as UserConfig),
        // an SSR bundle runs from its folder: the .wasm must be emitted beside it
        build: { ssrEmitAssets: user.build?.ssrEmitAssets ?? true },
        // a fresh transform for each worker bundle (its config plugins are the app's)
        worker: { plugins: () => [...(workerPlugins?.() ?? []), ...([] as Plugin[]).concat(unplugin.vite(options) as Plugin | Plugin[])] },
      }
    },
  }
  return [config, ...plugins]
}

export default wasmRecovery
