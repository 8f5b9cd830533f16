// The code the rewrite adds to wasm-bindgen glue, per target and policy, without bundling anything:
// a snapshot of every line it adds (reviewable as JS in __snapshots__/), and a check that every member
// the emitted code touches on the runtime's objects is in the runtime's protocol (HOT_MEMBERS).
import { readFileSync } from 'node:fs'
import { detectGlue } from '@wasm-recovery/unplugin'
import { HOT_MEMBERS } from '@wasm-recovery/runtime/internal'
import { parseAst } from 'rollup/parseAst'
import { describe, expect, it } from 'vitest'
import { rewriteGlue, type RewriteOptions } from '../../packages/core/dist/rewrite/factory.js'
import { fixtureGlue, NODE_TARGETS } from '../helpers/fixture.js'

const options = (policy: RewriteOptions['policy']): RewriteOptions => ({
  runtimeId: '@wasm-recovery/runtime/internal',
  source: '__wbr_rt.inlineWasm("AGFzbQ")',
  policy,
  rollback: { checkpoint: 'call', maxMemory: 64 << 20, readOnly: [] },
  maxConsecutiveAborts: 20,
  moduleName: 'wr_fixture',
  mark: '/* wasm-recovery */',
  topLevelAwait: true,
})

function rewrite(target: string, policy: RewriteOptions['policy'] = 'reinit') {
  // the bundler target's glue is its _bg.js (wr_fixture.js only imports the .wasm and re-exports it)
  const file = target === 'bundler' ? fixtureGlue('abort', target).replace(/\.js$/, '_bg.js') : fixtureGlue('abort', target)
  const code = readFileSync(file, 'utf8')
  const glue = detectGlue(file, code) as any
  expect(glue?.kind, glue?.message).toBe('glue')
  const before = structuredClone(glue.exports)
  const out = rewriteGlue(code, 'wr_fixture.js', glue, options(policy))
  // rewriteGlue is pure: the detection result it was given is unchanged
  expect(glue.exports).toEqual(before)
  return { code, out: out.code }
}

/** The lines the rewrite added (the glue's own lines are the fixture's, some without their `export`). */
function added(code: string, out: string): string {
  const own = new Set(code.split('\n').map((l) => l.trim().replace(/^export (default )?/, '')))
  return out.split('\n').filter((l) => l.trim() && !own.has(l.trim())).join('\n') + '\n'
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
    // the glue body runs inside __wbr_factory: its own names (a `g` of its own) are not ours
    if (st.type === 'FunctionDeclaration' && st.id?.name === '__wbr_factory') continue
    walk(st, (n) => {
      if (n.type !== 'MemberExpression' || n.computed || n.object.type !== 'Identifier') return
      const who = n.object.name === '__wbr' || n.object.name === 's' ? 'supervisor' : n.object.name === 'g' ? 'generation' : null
      if (who) used[who].add(n.property.name)
    })
  }
  return used
}

const targets = [...NODE_TARGETS]

describe('the emitted code, per target', () => {
  it.each(targets)('%s: the lines the rewrite adds (policy reinit)', async (target) => {
    const { code, out } = rewrite(target)
    await expect(added(code, out)).toMatchFileSnapshot(`__snapshots__/${target}.reinit.js`)
  })

  it.each(['bundler', 'web'])('%s: the lines the rewrite adds (policy rollback, per-call checkpoints)', async (target) => {
    const { code, out } = rewrite(target, 'rollback')
    await expect(added(code, out)).toMatchFileSnapshot(`__snapshots__/${target}.rollback.js`)
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
    expect(out).toContain('rollback: { checkpoint: "call", maxMemory: 67108864, Checkpoint: __wbr_rt.Checkpoint }')
  })
})

describe('the emitted code is valid JavaScript', () => {
  it.each(targets)('%s parses', (target) => {
    expect(() => parseAst(rewrite(target).out)).not.toThrow()
  })
})
