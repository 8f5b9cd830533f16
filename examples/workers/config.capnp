# Plain workerd (no wrangler): after `node build.mjs`, run
#   npx workerd serve config.capnp
# then open http://127.0.0.1:8787/ (override the address with --socket-addr http=127.0.0.1:<port>).
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:8787", http = (), service = "main") ],
);

const worker :Workerd.Worker = (
  modules = [
    # The first module is the main module. Module names are paths inside the bundle: the Worker's
    # `import m from "./automerge_wasm_bg.wasm"` resolves to the module named "automerge_wasm_bg.wasm",
    # loaded as a compiled WebAssembly.Module (workerd refuses to compile wasm bytes at request time).
    (name = "worker.js", esModule = embed "dist/worker.js"),
    (name = "automerge_wasm_bg.wasm", wasm = embed "dist/automerge_wasm_bg.wasm"),
  ],
  compatibilityDate = "2026-04-26",
  bindings = [ (name = "DOCS", durableObjectNamespace = "Doc") ],
  durableObjectNamespaces = [ (className = "Doc", uniqueKey = "wasm-recovery-example-doc") ],
  # Objects' storage lives in memory for the life of the process (use localDisk to keep it on disk).
  durableObjectStorage = (inMemory = void),
);
