// tiktoken@1.0.22 (bundler target, CLI 0.2.100): the full package and the lite variant.
import { readFileSync } from 'node:fs'
import { gcTwice, outcome } from '../lib.mjs'
import { statsOf } from './_util.mjs'

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
  r.statsBefore = statsOf(ctx.module)
  r.trigger = outcome(() => enc.decode(new Uint32Array([999999999])))
  r.statsAfter = statsOf(ctx.module)
  r.newObject = outcome(() => encoder(m, ctx).encode('hello world'))
  r.freeFunction = outcome(() => (ctx.variant === 'lite' ? m.Tiktoken.name : typeof m.get_encoding('gpt2').encode('x')))
  r.stale = outcome(() => enc.encode('hello world'))
  r.staleFree = outcome(() => enc.free())
  await gcTwice()
  r.afterGc = outcome(() => encoder(m, ctx).encode('hello world'))
  r.statsEnd = statsOf(ctx.module)
  return r
}
