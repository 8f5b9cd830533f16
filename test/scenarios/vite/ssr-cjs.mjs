// A dev server's SSR module that imports a package Node resolves to CommonJS (tiktoken's `node` condition).
import { get_encoding } from 'tiktoken'
export const render = () => Array.from(get_encoding('gpt2').encode('hello world'))
