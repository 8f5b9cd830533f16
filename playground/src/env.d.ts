/// <reference types="vite/client" />
// Imports the config leaves to plain wasm-bindgen (see vite.config.ts).
declare module '*?plugin=off' {
  const m: any
  export = m
}
// Imports the config gives policy 'rollback' (see vite.config.ts); typed through modules/types.ts.
declare module '*?policy=rollback' {
  const m: any
  export = m
}
