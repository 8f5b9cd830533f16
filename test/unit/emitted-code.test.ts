// The code the rewrite adds to wasm-bindgen glue, per target and policy, without bundling anything:
// a snapshot of every line it adds (reviewable as JS in __snapshots__/), and a check that every member
// the emitted code touches on the runtime's objects is in the runtime's protocol (HOT_MEMBERS).
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { HOT_MEMBERS } from '@wasm-recovery/runtime/internal'
import { parseAst } from 'rollup/parseAst'
import { describe, expect, it } from 'vitest'
import { FIXTURES, TEST_DIR } from '../helpers/bundle.js'
import { NODE_TARGETS } from '../helpers/fixture.js'

const targets = [...NODE_TARGETS]
type Policy = 'reinit' | 'poison' | 'rollback'
// one plain Node process rewrites everything (see rewrite-all.mjs for why not here)
const results: Record<string, { code: string; pure: boolean }> = JSON.parse(
  execFileSync(process.execPath, [join(TEST_DIR, 'unit', 'rewrite-all.mjs'), FIXTURES, ...targets], { cwd: TEST_DIR, encoding: 'utf8', maxBuffer: 64 << 20 }),
)

function rewrite(target: string, policy: Policy = 'reinit') {
  const r = results[`${target}.${policy}`]!
  // rewriteGlue is pure: the detection result it was given is unchanged
  expect(r.pure).toBe(true)
  return { out: r.code }
}

/**
 * What the rewrite adds around the glue: the imports and the factory's head before the glue body, and
 * everything after it (the factory's return, the guards, the spec, the facades). Cut by text: the
 * emitted parts are whole lines of their own.
 */
function added(out: string): string {
  const open = out.indexOf('function __wbr_factory(__wbr_ctx) {\n')
  const lines = out.slice(open).split('\n').slice(1)
  const head = lines.slice(0, lines.findIndex((l) => !/__wbr_ctx|^const module = |^let \w+;$/.test(l)))
  const guards = out.indexOf('\nfunction __wbr_guards(')
  // the glue's exports moved out of the factory into makers (core's split.ts) are glue body too
  const makers = out.indexOf('\nfunction __wbr_m_')
  const end = makers >= 0 ? makers : guards
  const ret = out.slice(out.lastIndexOf('\nreturn ', end) + 1, end)
  const parts = makers >= 0 ? ['/* … the glue\'s exports, each in its maker … */'] : []
  return [out.slice(0, open) + 'function __wbr_factory(__wbr_ctx) {', ...head, '/* … the glue body … */', ret, ...parts, out.slice(guards + 1)].join('\n')
}

type Node = { type: string; [k: string]: any }
function walk(n: unknown, visit: (n: Node) => void): void {
  if (!n || typeof n !== 'object') return
  if (Array.isArray(n)) return n.forEach((c) => walk(c, visit))
  if (typeof (n as Node).type === 'string') visit(n as Node)
  for (const v of Object.values(n)) if (v && typeof v === 'object') walk(v, visit)
}

/** Members read or called on `__wbr` / `s` (the Supervisor) and `g` (a Generation) by the emitted code outside the glue body. */
function membersUsed(out: string): { supervisor: Set<string>; generation: Set<string> } {
  const ast = parseAst(out, { allowReturnOutsideFunction: true }) as unknown as Node
  const used = { supervisor: new Set<string>(), generation: new Set<string>() }
  for (const st of ast.body as Node[]) {
    // the glue body runs inside __wbr_factory and the makers: its own names (a `g` of its own) are not ours
    if (st.type === 'FunctionDeclaration' && (st.id?.name === '__wbr_factory' || st.id?.name.startsWith('__wbr_m_'))) continue
    walk(st, (n) => {
      if (n.type !== 'MemberExpression' || n.computed || n.object.type !== 'Identifier') return
      const o = n.object.name
      const who = o === '__wbr' || o === 's' || o === '__wbr_su' ? 'supervisor' : o === 'g' || o === '__wbr_g' ? 'generation' : null
      if (who) used[who].add(n.property.name)
    })
  }
  return used
}

describe('the emitted code, per target', () => {
  it.each(targets)('%s: the lines the rewrite adds (policy reinit)', async (target) => {
    const { out } = rewrite(target)
    await expect(added(out)).toMatchFileSnapshot(`__snapshots__/${target}.reinit.js`)
  })

  it.each(['bundler', 'web'])('%s: the lines the rewrite adds (policy rollback, per-call checkpoints)', async (target) => {
    const { out } = rewrite(target, 'rollback')
    await expect(added(out)).toMatchFileSnapshot(`__snapshots__/${target}.rollback.js`)
  })
})

describe('the protocol between emitted code and runtime', () => {
  it.each(targets.flatMap((t) => (['reinit', 'poison', 'rollback'] as const).map((p) => [t, p] as const)))(
    '%s, policy %s: every runtime member the emitted code touches is in HOT_MEMBERS',
    (target, policy) => {
      const used = membersUsed(rewrite(target, policy).out)
      expect([...used.supervisor].filter((m) => !(HOT_MEMBERS.supervisor as readonly string[]).includes(m))).toEqual([])
      expect([...used.generation].filter((m) => !(HOT_MEMBERS.generation as readonly string[]).includes(m))).toEqual([])
      // and the check sees something: the hot path is there
      expect(used.supervisor.size).toBeGreaterThan(2)
    },
  )

  it('the spec is one object literal the runtime type describes, with the plugin option names', () => {
    const { out } = rewrite('bundler', 'rollback')
    expect(out).toMatch(/createSupervisor\(\{ name: "wr_fixture", factory: __wbr_factory, bind: "set_wasm", /)
    expect(out).toContain('rollback: { checkpoint: "call", maxMemory: 67108864, Checkpoint: __wbr_rt.Checkpoint, Escalation: __wbr_rt.Escalation }')
  })
})

describe('the emitted code is valid JavaScript', () => {
  it.each(targets)('%s parses', (target) => {
    expect(() => parseAst(rewrite(target).out)).not.toThrow()
  })
})
