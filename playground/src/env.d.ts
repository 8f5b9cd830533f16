/// <reference types="vite/client" />
// Imports the config leaves to plain wasm-bindgen (see vite.config.ts).
declare module '*?plugin=off' {
  const m: any
  export = m
}
