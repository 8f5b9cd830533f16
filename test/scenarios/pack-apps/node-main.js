import { trigger } from './trigger.js'

console.log(JSON.stringify(trigger()))
