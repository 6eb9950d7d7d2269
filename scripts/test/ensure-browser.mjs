// Makes sure Playwright has a Chromium to drive: Debian's /usr/bin/chromium when present (installed
// with apt-get when we are root on Debian), otherwise Playwright's own browser build.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const DEBIAN = '/usr/bin/chromium';
const run = (cmd) => execSync(cmd, { stdio: 'inherit' });

if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) {
  console.log(`e2e browser: ${process.env.CHROMIUM_PATH} (CHROMIUM_PATH)`);
} else if (existsSync(DEBIAN)) {
  console.log(`e2e browser: ${DEBIAN}`);
} else {
  let installed = false;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    try {
      run('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium');
      installed = existsSync(DEBIAN);
    } catch {
      console.log('apt-get could not install chromium; trying Playwright’s own browser');
    }
  }
  if (!installed) {
    console.log('e2e browser: Playwright’s own Chromium (npx playwright install chromium)');
    run('npx playwright install chromium');
  }
}
