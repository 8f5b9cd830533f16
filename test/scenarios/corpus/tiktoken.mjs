// tiktoken@1.0.22 (bundler target, CLI 0.2.100): the full package and the lite variant.
import { readFileSync } from 'node:fs'
import { gcTwice, outcome, stats } from '../lib.mjs'

const SENTENCE = 'The quick brown fox jumps over the lazy dog. Ünïcödé ✓ 12345 <|endoftext|>'
const text = (bytes) => new TextDecoder().decode(bytes)

/** An encoder: `get_encoding` in the full package; lite takes the ranks itself. */
function encoder(m, ctx) {
  if (ctx.variant !== 'lite') return m.get_encoding('gpt2')
  const gpt2 = (ctx.gpt2 ??= JSON.parse(readFileSync(`${ctx.nodeModules}/tiktoken/encoders/gpt2.json`, 'utf8')))
  return new m.Tiktoken(gpt2.bpe_ranks, gpt2.special_tokens, gpt2.pat_str)
}

export async function equivalence(m, ctx) {
  const enc = encoder(m, ctx)
  const r = {}
  r.encode = outcome(() => enc.encode(SENTENCE, 'all'))
  r.encodeOrdinary = outcome(() => enc.encode_ordinary(SENTENCE))
  r.decode = outcome(() => text(enc.decode(enc.encode_ordinary(SENTENCE))))
  r.decodeSingle = outcome(() => text(enc.decode_single_token_bytes(31373)))
  r.disallowedSpecial = outcome(() => enc.encode(SENTENCE))
  r.name = outcome(() => enc.name ?? null)
  r.free = outcome(() => enc.free())
  return r
}

export async function trigger(m, ctx) {
  const r = {}
  const enc = encoder(m, ctx)
  r.before = outcome(() => enc.encode('hello world'))
  r.statsBefore = stats(ctx.module)
  r.trigger = outcome(() => enc.decode(new Uint32Array([999999999])))
  r.statsAfter = stats(ctx.module)
  r.newObject = outcome(() => encoder(m, ctx).encode('hello world'))
  r.freeFunction = outcome(() => (ctx.variant === 'lite' ? m.Tiktoken.name : typeof m.get_encoding('gpt2').encode('x')))
  r.stale = outcome(() => enc.encode('hello world'))
  r.staleFree = outcome(() => enc.free())
  // many more panics in a row with good calls in between: no leak piles up, the breaker never trips
  let ok = 0
  for (let i = 0; i < 30; i++) {
    const e = encoder(m, ctx)
    if (e.encode('a b c').length === 3) ok++
    outcome(() => e.decode(new Uint32Array([999999999])))
  }
  r.repeatedOk = ok
  await gcTwice()
  r.afterGc = outcome(() => encoder(m, ctx).encode('hello world'))
  r.statsEnd = stats(ctx.module)
  return r
}
