/* wasm-recovery */
import * as __wbr_rt from "@wasm-recovery/runtime/internal";

function __wbr_factory(__wbr_ctx) {
const { WebAssembly, console, FinalizationRegistry, queueMicrotask } = __wbr_ctx;
/* … the glue body … */
return Object.assign({ default: wasm_bindgen }, wasm_bindgen);
}
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
"add": function (a0, a1) {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["add"](a0, a1);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"alloc_huge": function (a0) {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["alloc_huge"](a0);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"async_ok": function (a0) {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["async_ok"](a0);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"async_panic": function (a0, a1) {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["async_panic"](a0, a1);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"call_callback": function (a0, a1) {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["call_callback"](a0, a1);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"counter_increment": function (a0) {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["counter_increment"](a0);
    }
    catch (e) {
        throw g.trap(e);
    }
},
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
"counter_panic_in_mut": function (a0) {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["counter_panic_in_mut"](a0);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"counter_value": function (a0) {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["counter_value"](a0);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"counter_with_callback": function (a0, a1) {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["counter_with_callback"](a0, a1);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"drop_count": function () {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["drop_count"]();
    }
    catch (e) {
        throw g.trap(e);
    }
},
"greet": function (a0, a1) {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["greet"](a0, a1);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"make_closure": function () {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["make_closure"]();
    }
    catch (e) {
        throw g.trap(e);
    }
},
"panic_now": function (a0, a1) {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["panic_now"](a0, a1);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"recurse": function (a0) {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["recurse"](a0);
    }
    catch (e) {
        throw g.trap(e);
    }
},
"start": function () {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["start"]();
    }
    catch (e) {
        throw g.trap(e);
    }
},
"start_count": function () {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["start_count"]();
    }
    catch (e) {
        throw g.trap(e);
    }
},
"try_callback": function (a0, a1) {
    if (g.state !== 0)
        throw g.refuse();
    try {
        return (x)["try_callback"](a0, a1);
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
function __wbr_patch(g, ns, w) { const s = g.sup; let p;
p = ns["Counter"].prototype;
w(p, "__destroy_into_raw", "method", (f) => function () {
    if (g.state !== 0) {
        throw g.stale("Counter.__destroy_into_raw");
    }
    let r;
    try {
        r = f.call(this);
    }
    catch (e) {
        const x = s.fail(g, e, "Counter.__destroy_into_raw", [], this);
        throw x;
    }
    return typeof r === 'object' && r !== null ? s.settled(g, r) : r;
});
w(p, "free", "method", (f) => function () {
    if (g.state !== 0) {
        return;
    }
    let r;
    try {
        r = f.call(this);
    }
    catch (e) {
        const x = s.fail(g, e, "Counter.free", [], this);
        throw x;
    }
    return typeof r === 'object' && r !== null ? s.settled(g, r) : r;
});
w(p, "increment", "method", (f) => function () {
    if (g.state !== 0) {
        throw g.stale("Counter.increment");
    }
    let r;
    try {
        r = f.call(this);
    }
    catch (e) {
        const x = s.fail(g, e, "Counter.increment", [], this);
        throw x;
    }
    return typeof r === 'object' && r !== null ? s.settled(g, r) : r;
});
w(p, "panic_in_mut", "method", (f) => function () {
    if (g.state !== 0) {
        throw g.stale("Counter.panic_in_mut");
    }
    let r;
    try {
        r = f.call(this);
    }
    catch (e) {
        const x = s.fail(g, e, "Counter.panic_in_mut", [], this);
        throw x;
    }
    return typeof r === 'object' && r !== null ? s.settled(g, r) : r;
});
w(p, "value", "get", (f) => function () {
    if (g.state !== 0) {
        throw g.stale("Counter.value");
    }
    let r;
    try {
        r = f.call(this);
    }
    catch (e) {
        const x = s.fail(g, e, "Counter.value", [], this);
        throw x;
    }
    return typeof r === 'object' && r !== null ? s.settled(g, r) : r;
});
w(p, "with_callback", "method", (f) => function (a0) {
    if (g.state !== 0) {
        throw g.stale("Counter.with_callback");
    }
    let r;
    try {
        r = f.call(this, a0);
    }
    catch (e) {
        const x = s.fail(g, e, "Counter.with_callback", [a0], this);
        throw x;
    }
    return typeof r === 'object' && r !== null ? s.settled(g, r) : r;
});
}
const __wbr = __wbr_rt.createSupervisor({ name: "wr_fixture", factory: __wbr_factory, bind: "init", imports: {  }, classes: ["Counter"], initObjectArgs: true, WebInit: __wbr_rt.WebInit, source: __wbr_rt.inlineWasm("AGFzbQ"), policy: "reinit", maxConsecutiveAborts: 20, wasmSize: 64520, standby: true, guards: __wbr_guards, patch: __wbr_patch });

function __wbr_x0(arg) { return __wbr.init(arg); }
function initSync(arg) { return __wbr.initSync(arg); }
const Counter = /* @__PURE__ */ __wbr.facadeClass("Counter", []);
function add(a0, a1) {
    let g = __wbr.current;
    if (g.state !== 0)
        g = __wbr.live();
    let r;
    try {
        r = g.ns["add"](a0, a1);
    }
    catch (e) {
        const x = __wbr.fail(g, e, "add", [a0, a1]);
        throw x;
    }
    __wbr.streak = 0;
    return typeof r === 'object' && r !== null ? __wbr.settled(g, r) : r;
}
function alloc_huge(a0) {
    let g = __wbr.current;
    if (g.state !== 0)
        g = __wbr.live();
    let r;
    try {
        r = g.ns["alloc_huge"](a0);
    }
    catch (e) {
        const x = __wbr.fail(g, e, "alloc_huge", [a0]);
        throw x;
    }
    __wbr.streak = 0;
    return typeof r === 'object' && r !== null ? __wbr.settled(g, r) : r;
}
function async_ok(a0) {
    let g = __wbr.current;
    if (g.state !== 0)
        g = __wbr.live();
    let r;
    try {
        r = g.ns["async_ok"](a0);
    }
    catch (e) {
        const x = __wbr.fail(g, e, "async_ok", [a0]);
        throw x;
    }
    __wbr.streak = 0;
    return typeof r === 'object' && r !== null ? __wbr.settled(g, r) : r;
}
function async_panic(a0) {
    let g = __wbr.current;
    if (g.state !== 0)
        g = __wbr.live();
    let r;
    try {
        r = g.ns["async_panic"](a0);
    }
    catch (e) {
        const x = __wbr.fail(g, e, "async_panic", [a0]);
        throw x;
    }
    __wbr.streak = 0;
    return typeof r === 'object' && r !== null ? __wbr.settled(g, r) : r;
}
function call_callback(a0, a1) {
    let g = __wbr.current;
    if (g.state !== 0)
        g = __wbr.live();
    let r;
    try {
        r = g.ns["call_callback"](a0, a1);
    }
    catch (e) {
        const x = __wbr.fail(g, e, "call_callback", [a0, a1]);
        throw x;
    }
    __wbr.streak = 0;
    return typeof r === 'object' && r !== null ? __wbr.settled(g, r) : r;
}
function drop_count() {
    let g = __wbr.current;
    if (g.state !== 0)
        g = __wbr.live();
    let r;
    try {
        r = g.ns["drop_count"]();
    }
    catch (e) {
        const x = __wbr.fail(g, e, "drop_count", []);
        throw x;
    }
    __wbr.streak = 0;
    return typeof r === 'object' && r !== null ? __wbr.settled(g, r) : r;
}
function greet(a0) {
    let g = __wbr.current;
    if (g.state !== 0)
        g = __wbr.live();
    let r;
    try {
        r = g.ns["greet"](a0);
    }
    catch (e) {
        const x = __wbr.fail(g, e, "greet", [a0]);
        throw x;
    }
    __wbr.streak = 0;
    return typeof r === 'object' && r !== null ? __wbr.settled(g, r) : r;
}
function make_closure() {
    let g = __wbr.current;
    if (g.state !== 0)
        g = __wbr.live();
    let r;
    try {
        r = g.ns["make_closure"]();
    }
    catch (e) {
        const x = __wbr.fail(g, e, "make_closure", []);
        throw x;
    }
    __wbr.streak = 0;
    return typeof r === 'object' && r !== null ? __wbr.settled(g, r) : r;
}
function panic_now(a0) {
    let g = __wbr.current;
    if (g.state !== 0)
        g = __wbr.live();
    let r;
    try {
        r = g.ns["panic_now"](a0);
    }
    catch (e) {
        const x = __wbr.fail(g, e, "panic_now", [a0]);
        throw x;
    }
    __wbr.streak = 0;
    return typeof r === 'object' && r !== null ? __wbr.settled(g, r) : r;
}
function recurse(a0) {
    let g = __wbr.current;
    if (g.state !== 0)
        g = __wbr.live();
    let r;
    try {
        r = g.ns["recurse"](a0);
    }
    catch (e) {
        const x = __wbr.fail(g, e, "recurse", [a0]);
        throw x;
    }
    __wbr.streak = 0;
    return typeof r === 'object' && r !== null ? __wbr.settled(g, r) : r;
}
function start() {
    let g = __wbr.current;
    if (g.state !== 0)
        g = __wbr.live();
    let r;
    try {
        r = g.ns["start"]();
    }
    catch (e) {
        const x = __wbr.fail(g, e, "start", []);
        throw x;
    }
    __wbr.streak = 0;
    return typeof r === 'object' && r !== null ? __wbr.settled(g, r) : r;
}
function start_count() {
    let g = __wbr.current;
    if (g.state !== 0)
        g = __wbr.live();
    let r;
    try {
        r = g.ns["start_count"]();
    }
    catch (e) {
        const x = __wbr.fail(g, e, "start_count", []);
        throw x;
    }
    __wbr.streak = 0;
    return typeof r === 'object' && r !== null ? __wbr.settled(g, r) : r;
}
function try_callback(a0, a1) {
    let g = __wbr.current;
    if (g.state !== 0)
        g = __wbr.live();
    let r;
    try {
        r = g.ns["try_callback"](a0, a1);
    }
    catch (e) {
        const x = __wbr.fail(g, e, "try_callback", [a0, a1]);
        throw x;
    }
    __wbr.streak = 0;
    return typeof r === 'object' && r !== null ? __wbr.settled(g, r) : r;
}
const wasm_bindgen = Object.assign(__wbr_x0, { "initSync": initSync, "Counter": Counter, "add": add, "alloc_huge": alloc_huge, "async_ok": async_ok, "async_panic": async_panic, "call_callback": call_callback, "drop_count": drop_count, "greet": greet, "make_closure": make_closure, "panic_now": panic_now, "recurse": recurse, "start": start, "start_count": start_count, "try_callback": try_callback });
export default wasm_bindgen;
