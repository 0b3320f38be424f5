// Builds the admin center (web/ → web/dist) that `idtrail serve` serves at `/`.
// `npm ci` needs a lockfile that lists every platform's optional packages; web's lockfile comes
// from one machine, so install with `npm install` when `npm ci` refuses (same as the root package).
import { spawnSync } from 'node:child_process';

const run = (args) => spawnSync('npm', ['--prefix', 'web', ...args], { stdio: 'inherit' }).status === 0;
if (!run(['ci', '--no-audit', '--no-fund'])) {
  console.error('build-web: npm ci failed; falling back to npm install');
  if (!run(['install', '--no-audit', '--no-fund'])) process.exit(1);
}
if (!run(['run', 'build'])) process.exit(1);
