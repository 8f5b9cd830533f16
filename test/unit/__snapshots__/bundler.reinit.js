/* wasm-recovery */
import * as __wbr_rt from "@wasm-recovery/runtime/internal";

function __wbr_factory(__wbr_ctx) {
const { WebAssembly, console, FinalizationRegistry, queueMicrotask } = __wbr_ctx;
/* … the glue body … */
return __wbr_ns = { "Counter": void 0, "__wbg___wbindgen_is_function_0095a73b8b156f76": __wbg___wbindgen_is_function_0095a73b8b156f76, "__wbg___wbindgen_is_undefined_9e4d92534c42d778": __wbg___wbindgen_is_undefined_9e4d92534c42d778, "__wbg___wbindgen_number_get_8ff4255516ccad3e": __wbg___wbindgen_number_get_8ff4255516ccad3e, "__wbg___wbindgen_throw_be289d5034ed271b": __wbg___wbindgen_throw_be289d5034ed271b, "__wbg__wbg_cb_unref_d9b87ff7982e3b21": __wbg__wbg_cb_unref_d9b87ff7982e3b21, "__wbg_call_389efe28435a9388": __wbg_call_389efe28435a9388, "__wbg_call_4708e0c13bdc8e95": __wbg_call_4708e0c13bdc8e95, "__wbg_call_d8b9e5a2f585badd": __wbg_call_d8b9e5a2f585badd, "__wbg_error_00d263d4b5005737": __wbg_error_00d263d4b5005737, "__wbg_new_b5d9e2fb389fef91": __wbg_new_b5d9e2fb389fef91, "__wbg_new_no_args_1c7c842f08d00ebb": __wbg_new_no_args_1c7c842f08d00ebb, "__wbg_queueMicrotask_0aa0a927f78f5d98": __wbg_queueMicrotask_0aa0a927f78f5d98, "__wbg_queueMicrotask_5bb536982f78a56f": __wbg_queueMicrotask_5bb536982f78a56f, "__wbg_resolve_002c4b7d9d8f6b64": __wbg_resolve_002c4b7d9d8f6b64, "__wbg_static_accessor_GLOBAL_12837167ad935116": __wbg_static_accessor_GLOBAL_12837167ad935116, "__wbg_static_accessor_GLOBAL_THIS_e628e89ab3b1c95f": __wbg_static_accessor_GLOBAL_THIS_e628e89ab3b1c95f, "__wbg_static_accessor_SELF_a621d3dfbb60d0ce": __wbg_static_accessor_SELF_a621d3dfbb60d0ce, "__wbg_static_accessor_WINDOW_f8727f0cf888e0bd": __wbg_static_accessor_WINDOW_f8727f0cf888e0bd, "__wbg_then_0d9fe2c7b1857d32": __wbg_then_0d9fe2c7b1857d32, "__wbg_then_b9e7b3b5f1a9e1b5": __wbg_then_b9e7b3b5f1a9e1b5, "__wbindgen_cast_0000000000000001": __wbindgen_cast_0000000000000001, "__wbindgen_cast_0000000000000002": __wbindgen_cast_0000000000000002, "__wbindgen_cast_0000000000000003": __wbindgen_cast_0000000000000003, "__wbindgen_cast_0000000000000004": __wbindgen_cast_0000000000000004, "__wbindgen_init_externref_table": __wbindgen_init_externref_table, "__wbg_set_wasm": __wbg_set_wasm, CounterFinalization, wasm, passStringToWasm0, WASM_VECTOR_LEN, getStringFromWasm0, takeFromExternrefTable0 };
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
}
}; }
const __wbr = __wbr_rt.createSupervisor({ name: "wr_fixture", factory: __wbr_factory, bind: "set_wasm", setter: "__wbg_set_wasm", importModule: "./wr_fixture_bg.js", imports: {  }, classes: ["Counter"], source: __wbr_rt.inlineWasm("AGFzbQ"), policy: "reinit", maxConsecutiveAborts: 20, wasmSize: 64520, standby: true, guards: __wbr_guards });
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
const add = /* @__PURE__ */ __wbr.fn("add", null, null, __wbr_f_add, (g, x) => ({
"add": x["add"]
}));
const alloc_huge = /* @__PURE__ */ __wbr.fn("alloc_huge", null, null, __wbr_f_alloc_huge, (g, x) => ({
"alloc_huge": x["alloc_huge"]
}));
const async_ok = /* @__PURE__ */ __wbr.fn("async_ok", null, null, __wbr_f_async_ok, (g, x) => ({
"async_ok": x["async_ok"]
}));
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
},
"async_panic": x["async_panic"]
}));
const call_callback = /* @__PURE__ */ __wbr.fn("call_callback", null, null, __wbr_f_call_callback, (g, x) => ({
"call_callback": x["call_callback"]
}));
const drop_count = /* @__PURE__ */ __wbr.fn("drop_count", null, null, __wbr_f_drop_count, (g, x) => ({
"drop_count": x["drop_count"]
}));
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
"greet": x["greet"],
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
const make_closure = /* @__PURE__ */ __wbr.fn("make_closure", null, null, __wbr_f_make_closure, (g, x) => ({
"make_closure": x["make_closure"]
}));
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
},
"panic_now": x["panic_now"]
}));
const recurse = /* @__PURE__ */ __wbr.fn("recurse", null, null, __wbr_f_recurse, (g, x) => ({
"recurse": x["recurse"]
}));
const start = /* @__PURE__ */ __wbr.fn("start", null, null, __wbr_f_start, (g, x) => ({
"start": x["start"]
}));
const start_count = /* @__PURE__ */ __wbr.fn("start_count", null, null, __wbr_f_start_count, (g, x) => ({
"start_count": x["start_count"]
}));
const try_callback = /* @__PURE__ */ __wbr.fn("try_callback", null, null, __wbr_f_try_callback, (g, x) => ({
"try_callback": x["try_callback"]
}));
await __wbr.start();
const __wbg___wbindgen_is_function_0095a73b8b156f76 = /* @__PURE__ */ __wbr.value("__wbg___wbindgen_is_function_0095a73b8b156f76");
const __wbg___wbindgen_is_undefined_9e4d92534c42d778 = /* @__PURE__ */ __wbr.value("__wbg___wbindgen_is_undefined_9e4d92534c42d778");
const __wbg___wbindgen_number_get_8ff4255516ccad3e = /* @__PURE__ */ __wbr.value("__wbg___wbindgen_number_get_8ff4255516ccad3e");
const __wbg___wbindgen_throw_be289d5034ed271b = /* @__PURE__ */ __wbr.value("__wbg___wbindgen_throw_be289d5034ed271b");
const __wbg__wbg_cb_unref_d9b87ff7982e3b21 = /* @__PURE__ */ __wbr.value("__wbg__wbg_cb_unref_d9b87ff7982e3b21");
const __wbg_call_389efe28435a9388 = /* @__PURE__ */ __wbr.value("__wbg_call_389efe28435a9388");
const __wbg_call_4708e0c13bdc8e95 = /* @__PURE__ */ __wbr.value("__wbg_call_4708e0c13bdc8e95");
const __wbg_call_d8b9e5a2f585badd = /* @__PURE__ */ __wbr.value("__wbg_call_d8b9e5a2f585badd");
const __wbg_error_00d263d4b5005737 = /* @__PURE__ */ __wbr.value("__wbg_error_00d263d4b5005737");
const __wbg_new_b5d9e2fb389fef91 = /* @__PURE__ */ __wbr.value("__wbg_new_b5d9e2fb389fef91");
const __wbg_new_no_args_1c7c842f08d00ebb = /* @__PURE__ */ __wbr.value("__wbg_new_no_args_1c7c842f08d00ebb");
const __wbg_queueMicrotask_0aa0a927f78f5d98 = /* @__PURE__ */ __wbr.value("__wbg_queueMicrotask_0aa0a927f78f5d98");
const __wbg_queueMicrotask_5bb536982f78a56f = /* @__PURE__ */ __wbr.value("__wbg_queueMicrotask_5bb536982f78a56f");
const __wbg_resolve_002c4b7d9d8f6b64 = /* @__PURE__ */ __wbr.value("__wbg_resolve_002c4b7d9d8f6b64");
const __wbg_static_accessor_GLOBAL_12837167ad935116 = /* @__PURE__ */ __wbr.value("__wbg_static_accessor_GLOBAL_12837167ad935116");
const __wbg_static_accessor_GLOBAL_THIS_e628e89ab3b1c95f = /* @__PURE__ */ __wbr.value("__wbg_static_accessor_GLOBAL_THIS_e628e89ab3b1c95f");
const __wbg_static_accessor_SELF_a621d3dfbb60d0ce = /* @__PURE__ */ __wbr.value("__wbg_static_accessor_SELF_a621d3dfbb60d0ce");
const __wbg_static_accessor_WINDOW_f8727f0cf888e0bd = /* @__PURE__ */ __wbr.value("__wbg_static_accessor_WINDOW_f8727f0cf888e0bd");
const __wbg_then_0d9fe2c7b1857d32 = /* @__PURE__ */ __wbr.value("__wbg_then_0d9fe2c7b1857d32");
const __wbg_then_b9e7b3b5f1a9e1b5 = /* @__PURE__ */ __wbr.value("__wbg_then_b9e7b3b5f1a9e1b5");
const __wbindgen_cast_0000000000000001 = /* @__PURE__ */ __wbr.value("__wbindgen_cast_0000000000000001");
const __wbindgen_cast_0000000000000002 = /* @__PURE__ */ __wbr.value("__wbindgen_cast_0000000000000002");
const __wbindgen_cast_0000000000000003 = /* @__PURE__ */ __wbr.value("__wbindgen_cast_0000000000000003");
const __wbindgen_cast_0000000000000004 = /* @__PURE__ */ __wbr.value("__wbindgen_cast_0000000000000004");
const __wbindgen_init_externref_table = /* @__PURE__ */ __wbr.value("__wbindgen_init_externref_table");
function __wbg_set_wasm(_) {}
export { Counter, add, alloc_huge, async_ok, async_panic, call_callback, drop_count, greet, make_closure, panic_now, recurse, start, start_count, try_callback, __wbg___wbindgen_is_function_0095a73b8b156f76, __wbg___wbindgen_is_undefined_9e4d92534c42d778, __wbg___wbindgen_number_get_8ff4255516ccad3e, __wbg___wbindgen_throw_be289d5034ed271b, __wbg__wbg_cb_unref_d9b87ff7982e3b21, __wbg_call_389efe28435a9388, __wbg_call_4708e0c13bdc8e95, __wbg_call_d8b9e5a2f585badd, __wbg_error_00d263d4b5005737, __wbg_new_b5d9e2fb389fef91, __wbg_new_no_args_1c7c842f08d00ebb, __wbg_queueMicrotask_0aa0a927f78f5d98, __wbg_queueMicrotask_5bb536982f78a56f, __wbg_resolve_002c4b7d9d8f6b64, __wbg_static_accessor_GLOBAL_12837167ad935116, __wbg_static_accessor_GLOBAL_THIS_e628e89ab3b1c95f, __wbg_static_accessor_SELF_a621d3dfbb60d0ce, __wbg_static_accessor_WINDOW_f8727f0cf888e0bd, __wbg_then_0d9fe2c7b1857d32, __wbg_then_b9e7b3b5f1a9e1b5, __wbindgen_cast_0000000000000001, __wbindgen_cast_0000000000000002, __wbindgen_cast_0000000000000003, __wbindgen_cast_0000000000000004, __wbindgen_init_externref_table, __wbg_set_wasm };
