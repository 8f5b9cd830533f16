// @biomejs/wasm-web@2.4.15 (web target, CLI 0.2.117; a 35 MB wasm; exports renamed `*_command_export`).
import { gcTwice, outcome } from '../lib.mjs'
import { statsOf } from './_util.mjs'

const SOURCE = 'const  x = {a:1,b:[1,2,3]}\nfunction f( a ){return a+ 1}\n'

function openWorkspace(m, content, path = 'file.js') {
  const ws = new m.Workspace()
  const { projectKey } = ws.openProject({ path: '/', openUninitialized: true })
  ws.openFile({ projectKey, path, content: { type: 'fromClient', content, version: 0 } })
  return { ws, projectKey, path }
}

export async function equivalence(m) {
  const r = {}
  r.format = outcome(() => {
    const { ws, projectKey, path } = openWorkspace(m, SOURCE)
    return ws.formatFile({ projectKey, path }).code
  })
  r.fileContent = outcome(() => {
    const { ws, projectKey, path } = openWorkspace(m, SOURCE)
    return ws.getFileContent({ projectKey, path })
  })
  r.syntaxTree = outcome(() => {
    const { ws, projectKey, path } = openWorkspace(m, 'let a = 1')
    return ws.getSyntaxTree({ projectKey, path }).cst.length
  })
  r.badProject = outcome(() => new m.Workspace().formatFile({ projectKey: 99, path: 'nope.js' }))
  r.memoryFs = outcome(() => {
    const fs = new m.MemoryFileSystem()
    fs.insert('/a.js', new TextEncoder().encode('1'))
    fs.remove('/a.js')
    fs.free()
    return 'ok'
  })
  return r
}

export async function deep(m, ctx) {
  const r = {}
  const before = openWorkspace(m, SOURCE)
  r.statsBefore = statsOf(ctx.module)
  // in Node 20 the parse in openFile already overflows the wasm stack; formatting is the second chance
  let deepFile
  r.trigger = outcome(() => {
    deepFile = openWorkspace(m, '['.repeat(5_000) + ']'.repeat(5_000) + '\n', 'deep.js')
    return deepFile.ws.formatFile({ projectKey: deepFile.projectKey, path: deepFile.path }).code.length
  })
  r.statsAfter = statsOf(ctx.module)
  r.newObject = outcome(() => {
    const { ws, projectKey, path } = openWorkspace(m, SOURCE)
    return ws.formatFile({ projectKey, path }).code
  })
  r.stale = outcome(() => before.ws.formatFile({ projectKey: before.projectKey, path: before.path }).code)
  await gcTwice()
  r.afterGc = outcome(() => {
    const { ws, projectKey, path } = openWorkspace(m, 'let  y=2')
    return ws.formatFile({ projectKey, path }).code
  })
  r.statsEnd = statsOf(ctx.module)
  return r
}
