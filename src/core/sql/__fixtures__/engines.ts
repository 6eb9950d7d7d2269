/**
 * Tests only: run a generated script on a real engine over an all-text CSV and read its last
 * SELECT. DuckDB through @duckdb/node-api, SQLite through the sqlite3 CLI, PostgreSQL 15 started here
 * in a temporary directory on a loopback port (scripts/test/ensure-postgres.mjs installs it).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll } from 'vitest';
import { parseDelimited } from '../../ingest/delimited';

export interface SqlRow {
  readonly customerId: string;
  readonly recency: number;
  readonly frequency: number;
  readonly monetary: number;
  readonly clusterId: number;
  readonly segmentName: string;
}

const COLUMNS = ['customer_id', 'recency', 'frequency', 'monetary', 'cluster_id', 'segment_name'];

function fromCsv(text: string): SqlRow[] {
  const rows: string[][] = [];
  parseDelimited(text, ',', (f) => rows.push(f));
  const header = rows.shift();
  if (!header || header.join(',') !== COLUMNS.join(','))
    throw new Error(`unexpected columns: ${header?.join(',')}\n${text.slice(0, 500)}`);
  return rows
    .filter((r) => r.length === COLUMNS.length)
    .map((r) => ({
      customerId: r[0]!,
      recency: Number(r[1]),
      frequency: Number(r[2]),
      monetary: Number(r[3]),
      clusterId: Number(r[4]),
      segmentName: r[5]!,
    }));
}

export async function runDuckDb(csv: string, sql: string): Promise<SqlRow[]> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    // a runaway plan errors instead of taking the machine's memory (or its disk: no spilling)
    await con.run(`SET memory_limit = '3GB'; SET threads = 2; SET temp_directory = ''`);
    await con.run(
      `CREATE TABLE transactions AS SELECT * FROM read_csv('${csv}', all_varchar = true, header = true)`,
    );
    const out = await con.runAndReadAll(sql);
    return out.getRowObjects().map((r) => ({
      customerId: String(r.customer_id),
      recency: Number(r.recency),
      frequency: Number(r.frequency),
      monetary: Number(r.monetary),
      clusterId: Number(r.cluster_id),
      segmentName: String(r.segment_name),
    }));
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

export const SQLITE = '/usr/bin/sqlite3';

/** The sqlite3 CLI: `.import` makes every column TEXT, named by the CSV header. */
export function runSqlite(csv: string, sql: string): SqlRow[] {
  const dir = mkdtempSync(join(tmpdir(), 'sn-sqlite-'));
  try {
    const script = join(dir, 'model.sql');
    writeFileSync(script, sql);
    const commands = `.bail on\n.import --csv ${csv} transactions\n.headers on\n.mode csv\n.read ${script}\n`;
    const r = spawnSync(SQLITE, [join(dir, 'db.sqlite')], {
      input: commands,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    if (r.status !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`);
    return fromCsv(r.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const PG_BIN = '/usr/lib/postgresql/15/bin';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface Postgres {
  run(csv: string, sql: string): SqlRow[];
  stop(): void;
}

/** Why the sqlite3 CLI cannot run here, or null when it can. */
export function sqliteUnavailable(): string | null {
  return existsSync(SQLITE)
    ? null
    : `${SQLITE} is missing (scripts/test/ensure-postgres.mjs installs it as root)`;
}

/** Why PostgreSQL cannot run here, or null when it can. */
export function postgresUnavailable(): string | null {
  if (!existsSync(`${PG_BIN}/initdb`))
    return `${PG_BIN}/initdb is missing (scripts/test/ensure-postgres.mjs installs postgresql-15 as root)`;
  if (process.getuid?.() !== 0) return 'not root: the server is started through runuser -u postgres';
  return null;
}

/** initdb + pg_ctl start as user postgres in a temporary directory, loopback only, fsync off. */
export async function startPostgres(): Promise<Postgres> {
  const dir = mkdtempSync(join(tmpdir(), 'sn-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  const asPg = (cmd: string, args: string[], input?: string) =>
    spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      cwd: dir,
      ...(input !== undefined ? { input } : {}),
    });
  const init = asPg(`${PG_BIN}/initdb`, ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const start = asPg(`${PG_BIN}/pg_ctl`, ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', 'start']);
  if (start.status !== 0) throw new Error(`pg_ctl start failed: ${start.stderr}${start.stdout}`);
  const stop = () => {
    asPg(`${PG_BIN}/pg_ctl`, ['-D', data, '-m', 'immediate', 'stop']);
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  const psql = (args: string[], input?: string) => {
    const r = spawnSync(
      'psql',
      ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', ...args],
      { encoding: 'utf8', maxBuffer: 1 << 28, ...(input !== undefined ? { input } : {}) },
    );
    if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
    return r.stdout;
  };
  return {
    run(csv, sql) {
      const headerLine = spawnSync('head', ['-n', '1', csv], { encoding: 'utf8' }).stdout;
      const headers: string[] = [];
      parseDelimited(headerLine, ',', (f) => headers.push(...f));
      const cols = headers.map((h) => `"${h.replace(/"/g, '""')}" TEXT`).join(', ');
      psql(['-c', `DROP TABLE IF EXISTS transactions; CREATE TABLE transactions (${cols});`]);
      psql(['-c', `\\copy transactions FROM '${csv}' WITH (FORMAT csv, HEADER true)`]);
      return fromCsv(psql(['--csv', '-f', '-'], sql));
    },
    stop() {
      process.removeListener('exit', stop);
      stop();
    },
  };
}

export type EngineName = 'duckdb' | 'sqlite' | 'postgres';

/**
 * The engines of one test file: a temporary directory, PostgreSQL started before the tests (when
 * installed), why an engine is skipped here, and `run` on the engine named; stops and cleans up after.
 */
export function sqlEngines(prefix: string): {
  readonly dir: string;
  skipReason(engine: EngineName): string | null;
  run(engine: EngineName, csv: string, sql: string): Promise<SqlRow[]>;
} {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const pgReason = postgresUnavailable();
  const sqliteReason = sqliteUnavailable();
  let pg: Postgres | null = null;
  beforeAll(async () => {
    if (pgReason === null) pg = await startPostgres();
    else console.log(`PostgreSQL tests skipped: ${pgReason}`);
  });
  afterAll(() => {
    pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir,
    skipReason: (engine) => (engine === 'postgres' ? pgReason : engine === 'sqlite' ? sqliteReason : null),
    run: async (engine, csv, sql) => {
      if (engine === 'duckdb') return runDuckDb(csv, sql);
      if (engine === 'sqlite') return runSqlite(csv, sql);
      return pg!.run(csv, sql);
    },
  };
}
