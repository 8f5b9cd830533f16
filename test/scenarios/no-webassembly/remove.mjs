// Imported first: an engine without WebAssembly (JIT-less, as Safari's Lockdown Mode is).
delete globalThis.WebAssembly
