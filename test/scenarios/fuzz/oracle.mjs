// The oracle: the same scripts on a fresh instance of the ORIGINAL (uninstrumented) module, in a process
// of its own. Run twice, each on new objects, to prove the scripts deterministic (else comparing
// against them would mean nothing).
import { execute } from './exec.mjs'

export default async function oracle(m, w) {
  const first = await execute(m, w)
  const second = await execute(m, w)
  return { ...first, deterministic: JSON.stringify(first) === JSON.stringify(second), second }
}
