/**
 * Which column holds which role when the CLI reads a file: the detected mapping, then the headers a
 * model's training file had (`input.columns`, when the same header is in the new file), then what the
 * user gave with `--column ROLE=HEADER` (last word wins). No guess replaces a header the user named.
 */
import { ROLES, type Mapping, type Role } from '../../core/ingest/types';
import { CliError, EXIT } from '../exit-codes';

/** The roles `--column` names (not the second summary columns). */
export const COLUMN_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'frequency2' && r !== 'monetary2');

export const COLUMN_HELP = `  --column ROLE=HEADER   the file's column for a role, when its header is not recognised
                         (repeatable; ROLE: ${COLUMN_ROLES.join(', ')})
  --skip-lines N         the first N lines (sheet rows) are a title above the header: skip them`;

/** `--column` values (one string or a list) → role → header. @throws CliError 'usage'. */
export function parseColumnOptions(v: unknown): Partial<Record<Role, string>> {
  const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
  const out: Partial<Record<Role, string>> = {};
  for (const item of list) {
    const text = String(item);
    const eq = text.indexOf('=');
    const role = text.slice(0, eq).trim() as Role;
    const header = text.slice(eq + 1);
    if (eq < 0 || !COLUMN_ROLES.includes(role) || header === '')
      throw new CliError(
        'usage',
        `--column "${text}" should be ROLE=HEADER with ROLE one of ${COLUMN_ROLES.join(', ')} (e.g. --column customer=Kundennummer).`,
        EXIT.usage,
      );
    out[role] = header;
  }
  return out;
}

function place(mapping: Mapping, role: Role, col: number): Mapping {
  const out: Mapping = {};
  for (const [r, c] of Object.entries(mapping) as [Role, number][]) if (c !== col && r !== role) out[r] = c;
  out[role] = col;
  return out;
}

/** The mapping to use. @throws CliError 'unknown-column' (exit 3) naming the header and the file's headers. */
export function resolveColumns(
  fileName: string,
  headers: readonly string[],
  detected: Mapping,
  given: Partial<Record<Role, string>>,
  training: Partial<Record<Role, string>> | null,
): Mapping {
  let mapping = { ...detected };
  for (const role of COLUMN_ROLES) {
    const h = training?.[role];
    const j = h === undefined ? -1 : headers.indexOf(h);
    if (j >= 0 && mapping[role] === undefined && !Object.values(mapping).includes(j))
      mapping = place(mapping, role, j);
  }
  for (const [role, h] of Object.entries(given) as [Role, string][]) {
    const j = headers.indexOf(h);
    if (j < 0)
      throw new CliError(
        'unknown-column',
        `"${fileName}" has no column "${h}" (given for ${role}). Its columns: ${headers.map((x) => `"${x}"`).join(', ')}.`,
        EXIT.data,
      );
    mapping = place(mapping, role, j);
  }
  return mapping;
}
