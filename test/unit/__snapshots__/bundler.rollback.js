/* wasm-recovery */
import * as __wbr_rt from "@wasm-recovery/runtime/internal";

function __wbr_factory(__wbr_ctx) {
const { WebAssembly, console, FinalizationRegistry, queueMicrotask } = __wbr_ctx;
/* … the glue body … */
return __wbr_ns = { "Counter": void 0, "add": void 0, "alloc_huge": void 0, "async_ok": void 0, "async_panic": void 0, "call_callback": void 0, "drop_count": void 0, "greet": void 0, "make_closure": void 0, "panic_now": void 0, "recurse": void 0, "start": void 0, "start_count": void 0, "try_callback": void 0, "__wbg___wbindgen_is_function_0095a73b8b156f76": __wbg___wbindgen_is_function_0095a73b8b156f76, "__wbg___wbindgen_is_undefined_9e4d92534c42d778": __wbg___wbindgen_is_undefined_9e4d92534c42d778, "__wbg___wbindgen_number_get_8ff4255516ccad3e": __wbg___wbindgen_number_get_8ff4255516ccad3e, "__wbg___wbindgen_throw_be289d5034ed271b": __wbg___wbindgen_throw_be289d5034ed271b, "__wbg__wbg_cb_unref_d9b87ff7982e3b21": __wbg__wbg_cb_unref_d9b87ff7982e3b21, "__wbg_call_389efe28435a9388": __wbg_call_389efe28435a9388, "__wbg_call_4708e0c13bdc8e95": __wbg_call_4708e0c13bdc8e95, "__wbg_call_d8b9e5a2f585badd": __wbg_call_d8b9e5a2f585badd, "__wbg_error_00d263d4b5005737": __wbg_error_00d263d4b5005737, "__wbg_new_b5d9e2fb389fef91": __wbg_new_b5d9e2fb389fef91, "__wbg_new_no_args_1c7c842f08d00ebb": __wbg_new_no_args_1c7c842f08d00ebb, "__wbg_queueMicrotask_0aa0a927f78f5d98": __wbg_queueMicrotask_0aa0a927f78f5d98, "__wbg_queueMicrotask_5bb536982f78a56f": __wbg_queueMicrotask_5bb536982f78a56f, "__wbg_resolve_002c4b7d9d8f6b64": __wbg_resolve_002c4b7d9d8f6b64, "__wbg_static_accessor_GLOBAL_12837167ad935116": __wbg_static_accessor_GLOBAL_12837167ad935116, "__wbg_static_accessor_GLOBAL_THIS_e628e89ab3b1c95f": __wbg_static_accessor_GLOBAL_THIS_e628e89ab3b1c95f, "__wbg_static_accessor_SELF_a621d3dfbb60d0ce": __wbg_static_accessor_SELF_a621d3dfbb60d0ce, "__wbg_static_accessor_WINDOW_f8727f0cf888e0bd": __wbg_static_accessor_WINDOW_f8727f0cf888e0bd, "__wbg_then_0d9fe2c7b1857d32": __wbg_then_0d9fe2c7b1857d32, "__wbg_then_b9e7b3b5f1a9e1b5": __wbg_then_b9e7b3b5f1a9e1b5, "__wbindgen_cast_0000000000000001": __wbindgen_cast_0000000000000001, "__wbindgen_cast_0000000000000002": __wbindgen_cast_0000000000000002, "__wbindgen_cast_0000000000000003": __wbindgen_cast_0000000000000003, "__wbindgen_cast_0000000000000004": __wbindgen_cast_0000000000000004, "__wbindgen_init_externref_table": __wbindgen_init_externref_table, "__wbg_set_wasm": __wbg_set_wasm, CounterFinalization, wasm, passStringToWasm0, WASM_VECTOR_LEN, getStringFromWasm0, takeFromExternrefTable0 };
}
/* … the glue's exports, each in its maker … */
function __wbr_guards(g, x) { return {
"__wbg_counter_free": function (a0, a1) {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["__wbg_counter_free"](a0, a1));
    try {
        return (g.raw)["__wbg_counter_free"](a0, a1);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"wasm_bindgen_b7f4acc379f3f6b6___closure__destroy___dyn_core_1e5eed4154262462___ops__function__FnMut__u32____Output___u32__": function (a0, a1) {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["wasm_bindgen_b7f4acc379f3f6b6___closure__destroy___dyn_core_1e5eed4154262462___ops__function__FnMut__u32____Output___u32__"](a0, a1));
    try {
        return (g.raw)["wasm_bindgen_b7f4acc379f3f6b6___closure__destroy___dyn_core_1e5eed4154262462___ops__function__FnMut__u32____Output___u32__"](a0, a1);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"wasm_bindgen_b7f4acc379f3f6b6___closure__destroy___dyn_core_1e5eed4154262462___ops__function__FnMut__wasm_bindgen_b7f4acc379f3f6b6___JsValue____Output_______": function (a0, a1) {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["wasm_bindgen_b7f4acc379f3f6b6___closure__destroy___dyn_core_1e5eed4154262462___ops__function__FnMut__wasm_bindgen_b7f4acc379f3f6b6___JsValue____Output_______"](a0, a1));
    try {
        return (g.raw)["wasm_bindgen_b7f4acc379f3f6b6___closure__destroy___dyn_core_1e5eed4154262462___ops__function__FnMut__wasm_bindgen_b7f4acc379f3f6b6___JsValue____Output_______"](a0, a1);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"wasm_bindgen_b7f4acc379f3f6b6___convert__closures_____invoke___wasm_bindgen_b7f4acc379f3f6b6___JsValue__wasm_bindgen_b7f4acc379f3f6b6___JsValue_____": function (a0, a1, a2, a3) {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["wasm_bindgen_b7f4acc379f3f6b6___convert__closures_____invoke___wasm_bindgen_b7f4acc379f3f6b6___JsValue__wasm_bindgen_b7f4acc379f3f6b6___JsValue_____"](a0, a1, a2, a3));
    try {
        return (g.raw)["wasm_bindgen_b7f4acc379f3f6b6___convert__closures_____invoke___wasm_bindgen_b7f4acc379f3f6b6___JsValue__wasm_bindgen_b7f4acc379f3f6b6___JsValue_____"](a0, a1, a2, a3);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"wasm_bindgen_b7f4acc379f3f6b6___convert__closures_____invoke___u32__u32_": function (a0, a1, a2) {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["wasm_bindgen_b7f4acc379f3f6b6___convert__closures_____invoke___u32__u32_"](a0, a1, a2));
    try {
        return (g.raw)["wasm_bindgen_b7f4acc379f3f6b6___convert__closures_____invoke___u32__u32_"](a0, a1, a2);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"wasm_bindgen_b7f4acc379f3f6b6___convert__closures_____invoke___wasm_bindgen_b7f4acc379f3f6b6___JsValue_____": function (a0, a1, a2) {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["wasm_bindgen_b7f4acc379f3f6b6___convert__closures_____invoke___wasm_bindgen_b7f4acc379f3f6b6___JsValue_____"](a0, a1, a2));
    try {
        return (g.raw)["wasm_bindgen_b7f4acc379f3f6b6___convert__closures_____invoke___wasm_bindgen_b7f4acc379f3f6b6___JsValue_____"](a0, a1, a2);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"__wbindgen_exn_store": function (a0) {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["__wbindgen_exn_store"](a0));
    try {
        return (g.raw)["__wbindgen_exn_store"](a0);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"__externref_table_alloc": function () {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["__externref_table_alloc"]());
    try {
        return (g.raw)["__externref_table_alloc"]();
    }
    catch (e) {
        throw g.trap(e);
    }
},
"__externref_table_dealloc": function (a0) {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["__externref_table_dealloc"](a0));
    try {
        return (g.raw)["__externref_table_dealloc"](a0);
    }
    catch (e) {
        throw g.trap(e);
    }
}
}; }
const __wbr = __wbr_rt.createSupervisor({ name: "wr_fixture", factory: __wbr_factory, bind: "set_wasm", setter: "__wbg_set_wasm", importModule: "./wr_fixture_bg.js", imports: {  }, classes: ["Counter"], source: __wbr_rt.inlineWasm("AGFzbQ"), policy: "rollback", rollback: { checkpoint: "call", maxMemory: 67108864, Checkpoint: __wbr_rt.Checkpoint, Escalation: __wbr_rt.Escalation }, maxConsecutiveAborts: 20, wasmSize: 64520, standby: true, guards: __wbr_guards });
const Counter = /* @__PURE__ */ __wbr.cls("Counter", __wbr_m_Counter, null, [], (g, ns, w) => { const s = g.sup; let p;
p = ns["Counter"].prototype;
w(p, "__destroy_into_raw", "method", (f) => function () {
    if (g.state !== 0) {
        throw g.stale("Counter.__destroy_into_raw");
    }
    if (s.depth === 0 && g.touched)
        s.enter(g);
    s.depth++;
    let r;
    try {
        r = f.call(this);
    }
    catch (e) {
        const x = s.fail(g, e, "Counter.__destroy_into_raw", [], this);
        s.depth--;
        throw x;
    }
    s.depth--;
    s.streak = 0;
    return typeof r === 'object' && r !== null ? s.settled(g, r) : r;
});
w(p, "free", "method", (f) => function () {
    if (g.state !== 0) {
        return;
    }
    if (s.depth === 0 && g.touched)
        s.enter(g);
    s.depth++;
    let r;
    try {
        r = f.call(this);
    }
    catch (e) {
        const x = s.fail(g, e, "Counter.free", [], this);
        s.depth--;
        throw x;
    }
    s.depth--;
    s.streak = 0;
    return typeof r === 'object' && r !== null ? s.settled(g, r) : r;
});
w(p, "increment", "method", (f) => function () {
    if (g.state !== 0) {
        throw g.stale("Counter.increment");
    }
    if (s.depth === 0 && g.touched)
        s.enter(g);
    s.depth++;
    let r;
    try {
        r = f.call(this);
    }
    catch (e) {
        const x = s.fail(g, e, "Counter.increment", [], this);
        s.depth--;
        throw x;
    }
    s.depth--;
    s.streak = 0;
    return typeof r === 'object' && r !== null ? s.settled(g, r) : r;
});
w(p, "panic_in_mut", "method", (f) => function () {
    if (g.state !== 0) {
        throw g.stale("Counter.panic_in_mut");
    }
    if (s.depth === 0 && g.touched)
        s.enter(g);
    s.depth++;
    let r;
    try {
        r = f.call(this);
    }
    catch (e) {
        const x = s.fail(g, e, "Counter.panic_in_mut", [], this);
        s.depth--;
        throw x;
    }
    s.depth--;
    s.streak = 0;
    return typeof r === 'object' && r !== null ? s.settled(g, r) : r;
});
w(p, "value", "get", (f) => function () {
    if (g.state !== 0) {
        throw g.stale("Counter.value");
    }
    if (s.depth === 0 && g.touched)
        s.enter(g);
    s.depth++;
    let r;
    try {
        r = f.call(this);
    }
    catch (e) {
        const x = s.fail(g, e, "Counter.value", [], this);
        s.depth--;
        throw x;
    }
    s.depth--;
    s.streak = 0;
    return typeof r === 'object' && r !== null ? s.settled(g, r) : r;
});
w(p, "with_callback", "method", (f) => function (a0) {
    if (g.state !== 0) {
        throw g.stale("Counter.with_callback");
    }
    if (s.depth === 0 && g.touched)
        s.enter(g);
    s.depth++;
    let r;
    try {
        r = f.call(this, a0);
    }
    catch (e) {
        const x = s.fail(g, e, "Counter.with_callback", [a0], this);
        s.depth--;
        throw x;
    }
    s.depth--;
    s.streak = 0;
    return typeof r === 'object' && r !== null ? s.settled(g, r) : r;
});
}, (g, x) => ({
"counter_increment": function (a0) {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["counter_increment"](a0));
    try {
        return (g.raw)["counter_increment"](a0);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"counter_new": function (a0) {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["counter_new"](a0));
    try {
        return (g.raw)["counter_new"](a0);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"counter_panic_in_mut": function (a0) {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["counter_panic_in_mut"](a0));
    try {
        return (g.raw)["counter_panic_in_mut"](a0);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"counter_value": function (a0) {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["counter_value"](a0));
    try {
        return (g.raw)["counter_value"](a0);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"counter_with_callback": function (a0, a1) {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["counter_with_callback"](a0, a1));
    try {
        return (g.raw)["counter_with_callback"](a0, a1);
    }
    catch (e) {
        throw g.trap(e);
    }
}
}));
const add = /* @__PURE__ */ __wbr.fn("add", __wbr_m_add, null, function add(a0, a1) {
    let g = __wbr.current;
    if (g.state !== 0)
        g = __wbr.live();
    if (__wbr.depth === 0 && g.touched)
        __wbr.enter(g);
    __wbr.depth++;
    let r;
    try {
        r = g.ns["add"](a0, a1);
    }
    catch (e) {
        const x = __wbr.fail(g, e, "add", [a0, a1]);
        __wbr.depth--;
        throw x;
    }
    __wbr.depth--;
    __wbr.streak = 0;
    return typeof r === 'object' && r !== null ? __wbr.settled(g, r) : r;
}, (g, x) => ({
"add": function (a0, a1) {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["add"](a0, a1));
    try {
        return (g.raw)["add"](a0, a1);
    }
    catch (e) {
        throw g.trap(e);
    }
}
}));
const alloc_huge = /* @__PURE__ */ __wbr.fn("alloc_huge", __wbr_m_alloc_huge, null, function alloc_huge(a0) {
    let g = __wbr.current;
    if (g.state !== 0)
        g = __wbr.live();
    if (__wbr.depth === 0 && g.touched)
        __wbr.enter(g);
    __wbr.depth++;
    let r;
    try {
        r = g.ns["alloc_huge"](a0);
    }
    catch (e) {
        const x = __wbr.fail(g, e, "alloc_huge", [a0]);
        __wbr.depth--;
        throw x;
    }
    __wbr.depth--;
    __wbr.streak = 0;
    return typeof r === 'object' && r !== null ? __wbr.settled(g, r) : r;
}, (g, x) => ({
"alloc_huge": function (a0) {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["alloc_huge"](a0));
    try {
        return (g.raw)["alloc_huge"](a0);
    }
    catch (e) {
        throw g.trap(e);
    }
}
}));
const async_ok = /* @__PURE__ */ __wbr.fn("async_ok", __wbr_m_async_ok, null, function async_ok(a0) {
    let g = __wbr.current;
    if (g.state !== 0)
        g = __wbr.live();
    if (__wbr.depth === 0 && g.touched)
        __wbr.enter(g);
    __wbr.depth++;
    let r;
    try {
        r = g.ns["async_ok"](a0);
    }
    catch (e) {
        const x = __wbr.fail(g, e, "async_ok", [a0]);
        __wbr.depth--;
        throw x;
    }
    __wbr.depth--;
    __wbr.streak = 0;
    return typeof r === 'object' && r !== null ? __wbr.settled(g, r) : r;
}, (g, x) => ({
"async_ok": function (a0) {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["async_ok"](a0));
    try {
        return (g.raw)["async_ok"](a0);
    }
    catch (e) {
        throw g.trap(e);
    }
}
}));
const async_panic = /* @__PURE__ */ __wbr.fn("async_panic", __wbr_m_async_panic, null, function async_panic(a0) {
    let g = __wbr.current;
    if (g.state !== 0)
        g = __wbr.live();
    if (__wbr.depth === 0 && g.touched)
        __wbr.enter(g);
    __wbr.depth++;
    let r;
    try {
        r = g.ns["async_panic"](a0);
    }
    catch (e) {
        const x = __wbr.fail(g, e, "async_panic", [a0]);
        __wbr.depth--;
        throw x;
    }
    __wbr.depth--;
    __wbr.streak = 0;
    return typeof r === 'object' && r !== null ? __wbr.settled(g, r) : r;
}, (g, x) => ({
"__wbindgen_malloc": function (a0, a1) {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["__wbindgen_malloc"](a0, a1));
    try {
        return (g.raw)["__wbindgen_malloc"](a0, a1);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"__wbindgen_realloc": function (a0, a1, a2, a3) {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["__wbindgen_realloc"](a0, a1, a2, a3));
    try {
        return (g.raw)["__wbindgen_realloc"](a0, a1, a2, a3);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"async_panic": function (a0, a1) {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["async_panic"](a0, a1));
    try {
        return (g.raw)["async_panic"](a0, a1);
    }
    catch (e) {
        throw g.trap(e);
    }
}
}));
const call_callback = /* @__PURE__ */ __wbr.fn("call_callback", __wbr_m_call_callback, null, function call_callback(a0, a1) {
    let g = __wbr.current;
    if (g.state !== 0)
        g = __wbr.live();
    if (__wbr.depth === 0 && g.touched)
        __wbr.enter(g);
    __wbr.depth++;
    let r;
    try {
        r = g.ns["call_callback"](a0, a1);
    }
    catch (e) {
        const x = __wbr.fail(g, e, "call_callback", [a0, a1]);
        __wbr.depth--;
        throw x;
    }
    __wbr.depth--;
    __wbr.streak = 0;
    return typeof r === 'object' && r !== null ? __wbr.settled(g, r) : r;
}, (g, x) => ({
"call_callback": function (a0, a1) {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["call_callback"](a0, a1));
    try {
        return (g.raw)["call_callback"](a0, a1);
    }
    catch (e) {
        throw g.trap(e);
    }
}
}));
const drop_count = /* @__PURE__ */ __wbr.fn("drop_count", __wbr_m_drop_count, null, function drop_count() {
    let g = __wbr.current;
    if (g.state !== 0)
        g = __wbr.live();
    if (__wbr.depth === 0 && g.touched)
        __wbr.enter(g);
    __wbr.depth++;
    let r;
    try {
        r = g.ns["drop_count"]();
    }
    catch (e) {
        const x = __wbr.fail(g, e, "drop_count", []);
        __wbr.depth--;
        throw x;
    }
    __wbr.depth--;
    __wbr.streak = 0;
    return typeof r === 'object' && r !== null ? __wbr.settled(g, r) : r;
}, (g, x) => ({
"drop_count": function () {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["drop_count"]());
    try {
        return (g.raw)["drop_count"]();
    }
    catch (e) {
        throw g.trap(e);
    }
}
}));
const greet = /* @__PURE__ */ __wbr.fn("greet", __wbr_m_greet, null, function greet(a0) {
    let g = __wbr.current;
    if (g.state !== 0)
        g = __wbr.live();
    if (__wbr.depth === 0 && g.touched)
        __wbr.enter(g);
    __wbr.depth++;
    let r;
    try {
        r = g.ns["greet"](a0);
    }
    catch (e) {
        const x = __wbr.fail(g, e, "greet", [a0]);
        __wbr.depth--;
        throw x;
    }
    __wbr.depth--;
    __wbr.streak = 0;
    return typeof r === 'object' && r !== null ? __wbr.settled(g, r) : r;
}, (g, x) => ({
"__wbindgen_malloc": function (a0, a1) {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["__wbindgen_malloc"](a0, a1));
    try {
        return (g.raw)["__wbindgen_malloc"](a0, a1);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"__wbindgen_realloc": function (a0, a1, a2, a3) {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["__wbindgen_realloc"](a0, a1, a2, a3));
    try {
        return (g.raw)["__wbindgen_realloc"](a0, a1, a2, a3);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"greet": function (a0, a1) {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["greet"](a0, a1));
    try {
        return (g.raw)["greet"](a0, a1);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"__wbindgen_free": function (a0, a1, a2) {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["__wbindgen_free"](a0, a1, a2));
    try {
        return (g.raw)["__wbindgen_free"](a0, a1, a2);
    }
    catch (e) {
        throw g.trap(e);
    }
}
}));
const make_closure = /* @__PURE__ */ __wbr.fn("make_closure", __wbr_m_make_closure, null, function make_closure() {
    let g = __wbr.current;
    if (g.state !== 0)
        g = __wbr.live();
    if (__wbr.depth === 0 && g.touched)
        __wbr.enter(g);
    __wbr.depth++;
    let r;
    try {
        r = g.ns["make_closure"]();
    }
    catch (e) {
        const x = __wbr.fail(g, e, "make_closure", []);
        __wbr.depth--;
        throw x;
    }
    __wbr.depth--;
    __wbr.streak = 0;
    return typeof r === 'object' && r !== null ? __wbr.settled(g, r) : r;
}, (g, x) => ({
"make_closure": function () {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["make_closure"]());
    try {
        return (g.raw)["make_closure"]();
    }
    catch (e) {
        throw g.trap(e);
    }
}
}));
const panic_now = /* @__PURE__ */ __wbr.fn("panic_now", __wbr_m_panic_now, null, function panic_now(a0) {
    let g = __wbr.current;
    if (g.state !== 0)
        g = __wbr.live();
    if (__wbr.depth === 0 && g.touched)
        __wbr.enter(g);
    __wbr.depth++;
    let r;
    try {
        r = g.ns["panic_now"](a0);
    }
    catch (e) {
        const x = __wbr.fail(g, e, "panic_now", [a0]);
        __wbr.depth--;
        throw x;
    }
    __wbr.depth--;
    __wbr.streak = 0;
    return typeof r === 'object' && r !== null ? __wbr.settled(g, r) : r;
}, (g, x) => ({
"__wbindgen_malloc": function (a0, a1) {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["__wbindgen_malloc"](a0, a1));
    try {
        return (g.raw)["__wbindgen_malloc"](a0, a1);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"__wbindgen_realloc": function (a0, a1, a2, a3) {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["__wbindgen_realloc"](a0, a1, a2, a3));
    try {
        return (g.raw)["__wbindgen_realloc"](a0, a1, a2, a3);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"panic_now": function (a0, a1) {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["panic_now"](a0, a1));
    try {
        return (g.raw)["panic_now"](a0, a1);
    }
    catch (e) {
        throw g.trap(e);
    }
}
}));
const recurse = /* @__PURE__ */ __wbr.fn("recurse", __wbr_m_recurse, null, function recurse(a0) {
    let g = __wbr.current;
    if (g.state !== 0)
        g = __wbr.live();
    if (__wbr.depth === 0 && g.touched)
        __wbr.enter(g);
    __wbr.depth++;
    let r;
    try {
        r = g.ns["recurse"](a0);
    }
    catch (e) {
        const x = __wbr.fail(g, e, "recurse", [a0]);
        __wbr.depth--;
        throw x;
    }
    __wbr.depth--;
    __wbr.streak = 0;
    return typeof r === 'object' && r !== null ? __wbr.settled(g, r) : r;
}, (g, x) => ({
"recurse": function (a0) {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["recurse"](a0));
    try {
        return (g.raw)["recurse"](a0);
    }
    catch (e) {
        throw g.trap(e);
    }
}
}));
const start = /* @__PURE__ */ __wbr.fn("start", __wbr_m_start, null, function start() {
    let g = __wbr.current;
    if (g.state !== 0)
        g = __wbr.live();
    if (__wbr.depth === 0 && g.touched)
        __wbr.enter(g);
    __wbr.depth++;
    let r;
    try {
        r = g.ns["start"]();
    }
    catch (e) {
        const x = __wbr.fail(g, e, "start", []);
        __wbr.depth--;
        throw x;
    }
    __wbr.depth--;
    __wbr.streak = 0;
    return typeof r === 'object' && r !== null ? __wbr.settled(g, r) : r;
}, (g, x) => ({
"start": function () {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["start"]());
    try {
        return (g.raw)["start"]();
    }
    catch (e) {
        throw g.trap(e);
    }
}
}));
const start_count = /* @__PURE__ */ __wbr.fn("start_count", __wbr_m_start_count, null, function start_count() {
    let g = __wbr.current;
    if (g.state !== 0)
        g = __wbr.live();
    if (__wbr.depth === 0 && g.touched)
        __wbr.enter(g);
    __wbr.depth++;
    let r;
    try {
        r = g.ns["start_count"]();
    }
    catch (e) {
        const x = __wbr.fail(g, e, "start_count", []);
        __wbr.depth--;
        throw x;
    }
    __wbr.depth--;
    __wbr.streak = 0;
    return typeof r === 'object' && r !== null ? __wbr.settled(g, r) : r;
}, (g, x) => ({
"start_count": function () {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["start_count"]());
    try {
        return (g.raw)["start_count"]();
    }
    catch (e) {
        throw g.trap(e);
    }
}
}));
const try_callback = /* @__PURE__ */ __wbr.fn("try_callback", __wbr_m_try_callback, null, function try_callback(a0, a1) {
    let g = __wbr.current;
    if (g.state !== 0)
        g = __wbr.live();
    if (__wbr.depth === 0 && g.touched)
        __wbr.enter(g);
    __wbr.depth++;
    let r;
    try {
        r = g.ns["try_callback"](a0, a1);
    }
    catch (e) {
        const x = __wbr.fail(g, e, "try_callback", [a0, a1]);
        __wbr.depth--;
        throw x;
    }
    __wbr.depth--;
    __wbr.streak = 0;
    return typeof r === 'object' && r !== null ? __wbr.settled(g, r) : r;
}, (g, x) => ({
"try_callback": function (a0, a1) {
    if (g.state !== 0)
        throw g.refuse();
    g.touched = true;
    if (g.sup.depth === 0)
        return g.sup.detached(g, () => g.raw["try_callback"](a0, a1));
    try {
        return (g.raw)["try_callback"](a0, a1);
    }
    catch (e) {
        throw g.trap(e);
    }
}
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
