import type { RspackPluginInstance } from '@rspack/core'
import { unplugin } from './index.js'
import type { Options } from './options.js'

// typed by the bundler's own plugin type: these declarations never pull in unplugin's (which name hosts we do not support)
const plugin: (options?: Options) => RspackPluginInstance = unplugin.rspack
export default plugin
