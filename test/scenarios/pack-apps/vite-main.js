import { trigger } from './trigger.js'

window.__result = trigger()
document.getElementById('out').textContent = JSON.stringify(window.__result)
