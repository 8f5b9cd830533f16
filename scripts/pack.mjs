// `npm run pack`: builds the packages and writes one installable tarball per package into tarballs/
// (or the folder given: `npm run pack -- /some/dir`), printing each tarball's absolute path.
// pnpm packs them because it rewrites `workspace:*` to the version packed; `npm pack` would leave it,
// and npm then cannot install the tarball. WR_PACK_NO_BUILD=1 packs what dist/ holds now.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const dest = resolve(process.argv[2] ?? join(root, 'tarballs'))
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })

try {
  run('pnpm', ['--version'], root)
} catch {
  console.error('pack: pnpm is not on PATH; run `bash scripts/bootstrap.sh` first (it installs the pinned pnpm)')
  process.exit(1)
}
if (process.env.WR_PACK_NO_BUILD !== '1') run('pnpm', ['-r', '--filter', './packages/*', '--reporter=append-only', 'run', 'build'], root)

rmSync(dest, { recursive: true, force: true })
mkdirSync(dest, { recursive: true })
const dirs = readdirSync(join(root, 'packages')).sort()
for (const d of dirs) {
  const manifest = JSON.parse(readFileSync(join(root, 'packages', d, 'package.json'), 'utf8'))
  if (manifest.private) continue
  run('pnpm', ['pack', '--pack-destination', dest], join(root, 'packages', d))
}
const tarballs = readdirSync(dest).filter((f) => f.endsWith('.tgz')).sort()
for (const t of tarballs) {
  const packed = execFileSync('tar', ['-xzOf', join(dest, t), 'package/package.json'], { encoding: 'utf8' })
  if (packed.includes('workspace:')) {
    console.error(`pack: ${t} still says "workspace:" in its package.json`)
    process.exit(1)
  }
  console.log(join(dest, t))
}
