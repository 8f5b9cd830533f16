// The fixture crate's web glue, initialised as a Worker does without any plugin: workerd hands the
// .wasm over as a compiled WebAssembly.Module import (it refuses to compile bytes at request time).
import module from '../../fixtures/wasm/abort/web/wr_fixture_bg.wasm'
import { initSync } from '../../fixtures/wasm/abort/web/wr_fixture.js'

initSync({ module })

export * from '../../fixtures/wasm/abort/web/wr_fixture.js'
