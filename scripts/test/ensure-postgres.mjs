// Makes sure the warehouse-SQL tests (src/core/sql/engines.test.ts) have their engines: PostgreSQL 15
// (/usr/lib/postgresql/15/bin, started by the test itself) and the sqlite3 CLI. Installed with apt-get
// when we are root on Debian; otherwise the PostgreSQL tests are skipped with a printed reason.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const PG = '/usr/lib/postgresql/15/bin/initdb';
const SQLITE = '/usr/bin/sqlite3';
const missing = [];
if (!existsSync(PG)) missing.push('postgresql-15');
if (!existsSync(SQLITE)) missing.push('sqlite3');

if (missing.length === 0) {
  console.log('SQL engines: PostgreSQL 15 and sqlite3 present');
} else {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    try {
      execSync(
        `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${missing.join(' ')}`,
        { stdio: 'inherit' },
      );
    } catch {
      console.log(`apt-get could not install ${missing.join(', ')}`);
    }
  }
  for (const [path, name] of [
    [PG, 'PostgreSQL 15'],
    [SQLITE, 'sqlite3'],
  ])
    if (!existsSync(path))
      console.log(
        `SQL engines: ${name} is not installed (not root or no apt-get); its tests will say so and skip`,
      );
}
