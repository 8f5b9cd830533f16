/* wasm-recovery */
const __wbr_rt = require("@wasm-recovery/runtime/internal");

function __wbr_factory(__wbr_ctx) {
const module = { exports: {} }, exports = module.exports;
const { WebAssembly, console, FinalizationRegistry, queueMicrotask } = __wbr_ctx;
const __wbr_g = __wbr_ctx.gen, __wbr_su = __wbr_g.sup;
/* … the glue body … */
return module.exports;
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
"add": x["add"],
"alloc_huge": x["alloc_huge"],
"async_ok": x["async_ok"],
"async_panic": x["async_panic"],
"call_callback": x["call_callback"],
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
"counter_with_callback": x["counter_with_callback"],
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
const __wbr = __wbr_rt.createSupervisor({ name: "wr_fixture", factory: __wbr_factory, bind: "self", imports: {  }, classes: ["Counter"], sealed: ["Counter"], source: __wbr_rt.inlineWasm("AGFzbQ"), policy: "reinit", maxConsecutiveAborts: 20, wasmSize: 64520, standby: true, guards: __wbr_guards });
__wbr.start();
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
