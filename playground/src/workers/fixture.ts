// A module Web Worker with its own copy of the fixture (bundler-target glue, rewritten by the plugin
// in the worker bundle too) and its own supervisor.
import * as fx from '../../../test/fixtures/wasm/abort/bundler/wr_fixture.js'
import { serve } from './serve'

serve(fx, false)
