/* wasm-recovery */
const __wbr_rt = require("@wasm-recovery/runtime/internal");

const __wbr_module = typeof module === "object" ? module : null;
function __wbr_require(id) {
  if (__wbr_module && typeof __wbr_module.require === "function") return __wbr_module.require(id);
  const m = globalThis.process?.getBuiltinModule?.(id);
  if (m) return m;
  throw new Error("Cannot find module '" + id + "'");
}
function __wbr_factory(__wbr_ctx) {
const module = Object.create(__wbr_module, { exports: { value: {}, writable: true, enumerable: true }, require: { value: __wbr_require } }), exports = module.exports;
const { WebAssembly, console, FinalizationRegistry, queueMicrotask } = __wbr_ctx;
/* … the glue body … */
return __wbr_ns = Object.assign(module.exports, { "Counter": void 0, CounterFinalization, wasm, passStringToWasm0, WASM_VECTOR_LEN, getStringFromWasm0, takeFromExternrefTable0 });
}
/* … the glue's exports, each in its maker … */
function __wbr_guards(g, x) { return {
"__wbg_counter_free": function (a0, a1) {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["__wbg_counter_free"](a0, a1);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"add": x["add"],
"alloc_huge": x["alloc_huge"],
"async_ok": x["async_ok"],
"async_panic": x["async_panic"],
"call_callback": x["call_callback"],
"drop_count": x["drop_count"],
"greet": x["greet"],
"make_closure": x["make_closure"],
"panic_now": x["panic_now"],
"recurse": x["recurse"],
"start": x["start"],
"start_count": x["start_count"],
"try_callback": x["try_callback"],
"wasm_bindgen_b7f4acc379f3f6b6___closure__destroy___dyn_core_1e5eed4154262462___ops__function__FnMut__u32____Output___u32__": function (a0, a1) {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["wasm_bindgen_b7f4acc379f3f6b6___closure__destroy___dyn_core_1e5eed4154262462___ops__function__FnMut__u32____Output___u32__"](a0, a1);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"wasm_bindgen_b7f4acc379f3f6b6___closure__destroy___dyn_core_1e5eed4154262462___ops__function__FnMut__wasm_bindgen_b7f4acc379f3f6b6___JsValue____Output_______": function (a0, a1) {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["wasm_bindgen_b7f4acc379f3f6b6___closure__destroy___dyn_core_1e5eed4154262462___ops__function__FnMut__wasm_bindgen_b7f4acc379f3f6b6___JsValue____Output_______"](a0, a1);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"wasm_bindgen_b7f4acc379f3f6b6___convert__closures_____invoke___wasm_bindgen_b7f4acc379f3f6b6___JsValue__wasm_bindgen_b7f4acc379f3f6b6___JsValue_____": function (a0, a1, a2, a3) {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["wasm_bindgen_b7f4acc379f3f6b6___convert__closures_____invoke___wasm_bindgen_b7f4acc379f3f6b6___JsValue__wasm_bindgen_b7f4acc379f3f6b6___JsValue_____"](a0, a1, a2, a3);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"wasm_bindgen_b7f4acc379f3f6b6___convert__closures_____invoke___u32__u32_": function (a0, a1, a2) {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["wasm_bindgen_b7f4acc379f3f6b6___convert__closures_____invoke___u32__u32_"](a0, a1, a2);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"wasm_bindgen_b7f4acc379f3f6b6___convert__closures_____invoke___wasm_bindgen_b7f4acc379f3f6b6___JsValue_____": function (a0, a1, a2) {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["wasm_bindgen_b7f4acc379f3f6b6___convert__closures_____invoke___wasm_bindgen_b7f4acc379f3f6b6___JsValue_____"](a0, a1, a2);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"__wbindgen_exn_store": function (a0) {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["__wbindgen_exn_store"](a0);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"__externref_table_alloc": function () {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["__externref_table_alloc"]();
    }
    catch (e) {
        throw g.trap(e);
    }
},
"__externref_table_dealloc": function (a0) {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["__externref_table_dealloc"](a0);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"__wbindgen_start": function () {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["__wbindgen_start"]();
    }
    catch (e) {
        throw g.trap(e);
    }
}
}; }
const __wbr = __wbr_rt.createSupervisor({ name: "wr_fixture", factory: __wbr_factory, bind: "self", imports: {  }, classes: ["Counter"], source: __wbr_rt.inlineWasm("AGFzbQ"), policy: "reinit", maxConsecutiveAborts: 20, wasmSize: 64520, standby: true, guards: __wbr_guards });
const Counter = /* @__PURE__ */ __wbr.cls("Counter", __wbr_m_Counter, null, [], undefined, (g, x) => ({
"counter_increment": x["counter_increment"],
"counter_new": function (a0) {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["counter_new"](a0);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"counter_panic_in_mut": x["counter_panic_in_mut"],
"counter_value": x["counter_value"],
"counter_with_callback": x["counter_with_callback"]
}), true);
const add = /* @__PURE__ */ __wbr.fn("add", null, null, __wbr_f_add, undefined);
const alloc_huge = /* @__PURE__ */ __wbr.fn("alloc_huge", null, null, __wbr_f_alloc_huge, undefined);
const async_ok = /* @__PURE__ */ __wbr.fn("async_ok", null, null, __wbr_f_async_ok, undefined);
const async_panic = /* @__PURE__ */ __wbr.fn("async_panic", null, null, __wbr_f_async_panic, (g, x) => ({
"__wbindgen_malloc": function (a0, a1) {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["__wbindgen_malloc"](a0, a1);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"__wbindgen_realloc": function (a0, a1, a2, a3) {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["__wbindgen_realloc"](a0, a1, a2, a3);
    }
    catch (e) {
        throw g.trap(e);
    }
}
}));
const call_callback = /* @__PURE__ */ __wbr.fn("call_callback", null, null, __wbr_f_call_callback, undefined);
const drop_count = /* @__PURE__ */ __wbr.fn("drop_count", null, null, __wbr_f_drop_count, undefined);
const greet = /* @__PURE__ */ __wbr.fn("greet", null, null, __wbr_f_greet, (g, x) => ({
"__wbindgen_malloc": function (a0, a1) {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["__wbindgen_malloc"](a0, a1);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"__wbindgen_realloc": function (a0, a1, a2, a3) {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["__wbindgen_realloc"](a0, a1, a2, a3);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"__wbindgen_free": function (a0, a1, a2) {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["__wbindgen_free"](a0, a1, a2);
    }
    catch (e) {
        throw g.trap(e);
    }
}
}));
const make_closure = /* @__PURE__ */ __wbr.fn("make_closure", null, null, __wbr_f_make_closure, undefined);
const panic_now = /* @__PURE__ */ __wbr.fn("panic_now", null, null, __wbr_f_panic_now, (g, x) => ({
"__wbindgen_malloc": function (a0, a1) {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["__wbindgen_malloc"](a0, a1);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"__wbindgen_realloc": function (a0, a1, a2, a3) {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["__wbindgen_realloc"](a0, a1, a2, a3);
    }
    catch (e) {
        throw g.trap(e);
    }
}
}));
const recurse = /* @__PURE__ */ __wbr.fn("recurse", null, null, __wbr_f_recurse, undefined);
const start = /* @__PURE__ */ __wbr.fn("start", null, null, __wbr_f_start, undefined);
const start_count = /* @__PURE__ */ __wbr.fn("start_count", null, null, __wbr_f_start_count, undefined);
const try_callback = /* @__PURE__ */ __wbr.fn("try_callback", null, null, __wbr_f_try_callback, undefined);
__wbr.start();
module.exports["Counter"] = Counter;
module.exports["add"] = add;
module.exports["alloc_huge"] = alloc_huge;
module.exports["async_ok"] = async_ok;
module.exports["async_panic"] = async_panic;
module.exports["call_callback"] = call_callback;
module.exports["drop_count"] = drop_count;
module.exports["greet"] = greet;
module.exports["make_closure"] = make_closure;
module.exports["panic_now"] = panic_now;
module.exports["recurse"] = recurse;
module.exports["start"] = start;
module.exports["start_count"] = start_count;
module.exports["try_callback"] = try_callback;
