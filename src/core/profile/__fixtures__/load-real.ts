/** Test support (Node only): the real files shipped in the repo, parsed by the ingest helpers. */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { RawTable, Transactions } from '../../ingest/types';
import { parseText } from '../../ingest/parse-text';
import { guessMapping } from '../../ingest/roles';
import { buildTransactions } from '../../ingest/transactions';

const root = new URL('../../../../', import.meta.url);

export function loadRaw(relPath: string): RawTable {
  const bytes = readFileSync(new URL(relPath, root));
  const data = relPath.endsWith('.gz') ? gunzipSync(bytes) : bytes;
  const text = new TextDecoder('utf-8').decode(data);
  return parseText(text, { fileName: relPath, byteLength: bytes.byteLength, encoding: 'utf-8' }).table;
}

export function toTransactions(raw: RawTable): Transactions {
  const guess = guessMapping(raw);
  return buildTransactions(raw, guess.mapping, guess.dateOrder?.order ?? null);
}
