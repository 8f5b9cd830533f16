// The rollback twin of fixture.ts: the same bundler-target glue, imported with `?policy=rollback`
// (vite.config.ts gives it policy 'rollback'; its worker bundle has the plugins too).
import * as glue from '../../../test/fixtures/wasm/abort/bundler/wr_fixture.js?policy=rollback'
import type { Fixture } from '../modules/types'
import { serve } from './serve'

serve(glue as unknown as Fixture, true)
