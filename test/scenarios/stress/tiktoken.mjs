// tiktoken@1.0.22 (bundler target, CLI 0.2.100): decode of an unknown token panics (unreachable).
import { readFileSync } from 'node:fs'
import { loop } from './_loop.mjs'

/**
 * params.encoder:
 * - 'gpt2': `get_encoding('gpt2')` of the full package (ranks embedded in the wasm);
 * - 'small': `new Tiktoken(ranks, …)` over the first `params.ranks` ranks of gpt2 (every single byte is
 *   among them, so any text encodes), read once from encoders/gpt2.json.
 * params.freeFunction: the full package's `get_encoding_name_for_model` (lite exports no free function).
 */
export default async function run(m, p) {
  let small
  if (p.encoder === 'small') {
    const gpt2 = JSON.parse(readFileSync(p.gpt2Json, 'utf8'))
    const words = gpt2.bpe_ranks.split(' ')
    small = { ranks: words.slice(0, 2 + p.ranks).join(' '), special: gpt2.special_tokens, pat: p.pat ?? gpt2.pat_str }
  }
  const encoder = () => (small ? new m.Tiktoken(small.ranks, small.special, small.pat) : m.get_encoding('gpt2'))
  const t0 = performance.now()
  const probe = encoder()
  const buildMs = performance.now() - t0
  const expected = Array.from(probe.encode('hello world'))
  probe.free()
  const r = await loop(m, p, {
    ordinary(m) {
      const enc = encoder()
      const tokens = enc.encode('hello world')
      if (tokens.length !== expected.length || tokens.some((t, k) => t !== expected[k])) throw new Error(`encode gave ${tokens}`)
      if (p.freeFunction && m.get_encoding_name_for_model('gpt-4') !== 'cl100k_base') throw new Error('get_encoding_name_for_model')
      return enc
    },
    trigger(m, enc) {
      enc.decode(new Uint32Array([999999999]))
    },
  })
  r.encoderBuildMs = Math.round(buildMs * 10) / 10
  return r
}
