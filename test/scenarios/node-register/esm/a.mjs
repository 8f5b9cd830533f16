import { name } from './b.mjs'
export const greeting = 'hello ' + name
