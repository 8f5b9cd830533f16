// @cedar-policy/cedar-wasm@4.13.0 (CLI 0.2.117): esm/ (bundler + __wbindgen_start), nodejs, web. No trigger known.
import { outcome } from '../lib.mjs'

const POLICIES = `permit(principal == User::"alice", action == Action::"view", resource in Album::"trip");
forbid(principal, action, resource) when { resource.private };`
const entities = [
  { uid: { type: 'User', id: 'alice' }, attrs: {}, parents: [] },
  { uid: { type: 'Album', id: 'trip' }, attrs: {}, parents: [] },
  { uid: { type: 'Photo', id: 'p1' }, attrs: { private: false }, parents: [{ type: 'Album', id: 'trip' }] },
  { uid: { type: 'Photo', id: 'p2' }, attrs: { private: true }, parents: [{ type: 'Album', id: 'trip' }] },
]
const ask = (m, principal, photo) =>
  m.isAuthorized({
    principal: { type: 'User', id: principal },
    action: { type: 'Action', id: 'view' },
    resource: { type: 'Photo', id: photo },
    context: {},
    policies: { staticPolicies: POLICIES },
    entities,
  })

export async function equivalence(m) {
  const r = {}
  r.version = outcome(() => [m.getCedarVersion(), m.getCedarLangVersion(), m.getCedarSDKVersion()])
  r.allow = outcome(() => ask(m, 'alice', 'p1'))
  r.forbid = outcome(() => ask(m, 'alice', 'p2'))
  r.deny = outcome(() => ask(m, 'bob', 'p1'))
  r.parse = outcome(() => m.checkParsePolicySet({ staticPolicies: POLICIES }))
  r.parseError = outcome(() => m.checkParsePolicySet({ staticPolicies: 'permit(principal' }))
  r.format = outcome(() => m.formatPolicies({ policyText: POLICIES, lineWidth: 60, indentWidth: 4 }))
  r.toJson = outcome(() => m.policyToJson('permit(principal, action, resource);'))
  r.toText = outcome(() => m.policySetTextToParts(POLICIES))
  r.throws = outcome(() => m.isAuthorized(undefined))
  return r
}
