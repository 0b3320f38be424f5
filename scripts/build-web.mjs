// Builds the admin center (web/ → web/dist) that `idtrail serve` serves at `/`.
// `npm ci` needs a lockfile that lists every platform's optional packages; web's lockfile comes
// from one machine, so install with `npm install` when `npm ci` refuses (same as the root package).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// `npm start` calls this with --if-missing: build once on a fresh checkout, not on every start.
if (process.argv.includes('--if-missing') && existsSync('web/dist/index.html')) process.exit(0);

const run = (args) => spawnSync('npm', ['--prefix', 'web', ...args], { stdio: 'inherit' }).status === 0;
if (!run(['ci', '--no-audit', '--no-fund'])) {
  console.error('build-web: npm ci failed; falling back to npm install');
  if (!run(['install', '--no-audit', '--no-fund'])) process.exit(1);
}
if (!run(['run', 'build'])) process.exit(1);

// Pre-compressed copies: @fastify/static (preCompressed) sends them to browsers that accept them,
// a third of the bytes for admins on a slow link, with no compression work per request.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const dist = join('web', 'dist');
const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
for (const file of walk(dist).filter((f) => /\.(js|css|html|json|svg)$/.test(f))) {
  const body = readFileSync(file);
  writeFileSync(`${file}.br`, brotliCompressSync(body));
  writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
}
