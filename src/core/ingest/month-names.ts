/**
 * Dates written with a month name or abbreviation: `11-Feb-17`, `Feb 11, 2017`, `11 February 2017`,
 * `11 févr. 2017`, `11 de febrero de 2017`, `3. März 2019`, `Mon, 11 Feb 2017 10:30`. Languages:
 * English, French, German, Spanish, Portuguese, Italian and Dutch (accents optional, case ignored).
 *
 * Fields: exactly one month name and two numbers besides an optional time. A four-digit number is the
 * year and the other the day; with two short numbers the first is the day and the second the year
 * (`11-Feb-17`, `Feb 11 17`). Two-digit years use the pivot stated in dates.ts (69: 00–68 → 20xx,
 * 69–99 → 19xx). Weekday names and the fillers "de", "del", "of" are skipped.
 */

const MONTHS: readonly (readonly string[])[] = [
  [
    'january',
    'jan',
    'janvier',
    'janv',
    'januar',
    'janner',
    'enero',
    'ene',
    'janeiro',
    'gennaio',
    'gen',
    'januari',
  ],
  ['february', 'feb', 'fevrier', 'fevr', 'fev', 'februar', 'febrero', 'fevereiro', 'febbraio', 'februari'],
  ['march', 'mar', 'mars', 'marz', 'maerz', 'mrz', 'marzo', 'marco', 'maart', 'mrt'],
  ['april', 'apr', 'avril', 'avr', 'abril', 'abr', 'aprile'],
  ['may', 'mai', 'mayo', 'maio', 'maggio', 'mag', 'mei'],
  ['june', 'jun', 'juin', 'juni', 'junio', 'junho', 'giugno', 'giu'],
  ['july', 'jul', 'juillet', 'juil', 'juli', 'julio', 'julho', 'luglio', 'lug'],
  ['august', 'aug', 'aout', 'agosto', 'ago', 'augustus'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'setiembre', 'setembro', 'settembre', 'set'],
  ['october', 'oct', 'octobre', 'oktober', 'okt', 'octubre', 'outubro', 'out', 'ottobre', 'ott'],
  ['november', 'nov', 'novembre', 'noviembre', 'novembro'],
  ['december', 'dec', 'decembre', 'dezember', 'dez', 'diciembre', 'dic', 'dezembro', 'dicembre'],
];

const MONTH_OF = new Map<string, number>();
MONTHS.forEach((names, i) => names.forEach((n) => MONTH_OF.set(n, i + 1)));

const SKIP = new Set([
  'de',
  'del',
  'of',
  'the',
  'le',
  'mon',
  'monday',
  'tue',
  'tues',
  'tuesday',
  'wed',
  'wednesday',
  'thu',
  'thur',
  'thurs',
  'thursday',
  'fri',
  'friday',
  'sat',
  'saturday',
  'sun',
  'sunday',
  'lundi',
  'mardi',
  'mercredi',
  'jeudi',
  'vendredi',
  'samedi',
  'dimanche',
  'lun',
  'mer',
  'jeu',
  'ven',
  'sam',
  'dim',
  'montag',
  'dienstag',
  'mittwoch',
  'donnerstag',
  'freitag',
  'samstag',
  'sonntag',
  'mo',
  'di',
  'mi',
  'do',
  'fr',
  'sa',
  'so',
  'lunes',
  'martes',
  'miercoles',
  'jueves',
  'viernes',
  'sabado',
  'domingo',
]);

const TIME_RE = /[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*([AaPp]\.?[Mm]\.?)?$/;
const ORDINAL_RE = /^(\d{1,2})(?:st|nd|rd|th|er|e|º|o|\.)?$/;

/** Lower case without accents ("Févr." → "févr" → "fevr"). */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Month number 1–12 of a name or abbreviation in one of the languages, 0 when none. */
export function monthOf(token: string): number {
  return MONTH_OF.get(fold(token).replace(/\.$/, '')) ?? 0;
}

export interface MonthNameFields {
  readonly year: string;
  readonly month: number;
  readonly day: number;
  readonly h: number;
  readonly mi: number;
  readonly s: number;
  readonly frac: string;
  readonly ampm: string;
}

/** The fields of a month-name date, or null when the text is not one (see the module comment). */
export function monthNameFields(text: string): MonthNameFields | null {
  let s = text.trim();
  if (!/[A-Za-zÀ-ÿ]{3}/.test(s)) return null;
  let h = 0;
  let mi = 0;
  let sec = 0;
  let frac = '';
  let ampm = '';
  const t = TIME_RE.exec(s);
  if (t) {
    h = Number(t[1]);
    mi = Number(t[2]);
    sec = t[3] === undefined ? 0 : Number(t[3]);
    frac = t[4] ?? '';
    ampm = t[5] ? t[5].replace(/\./g, '') : '';
    s = s.slice(0, t.index);
  }
  const tokens = s.split(/[\s,/\-.]+/).filter((x) => x !== '');
  let month = 0;
  let monthAt = -1;
  const nums: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (/^\d{4}$/.test(tok)) {
      nums.push(tok);
      continue;
    }
    const o = ORDINAL_RE.exec(tok);
    if (o) {
      nums.push(o[1]!);
      continue;
    }
    const m = monthOf(tok);
    if (m > 0 && month === 0) {
      month = m;
      monthAt = i;
      continue;
    }
    if (SKIP.has(fold(tok))) continue;
    return null;
  }
  if (month === 0 || nums.length !== 2 || monthAt < 0) return null;
  const [a, b] = nums as [string, string];
  let year: string;
  let day: string;
  if (a.length === 4 && b.length <= 2) [year, day] = [a, b];
  else if (b.length === 4 && a.length <= 2) [year, day] = [b, a];
  else if (a.length <= 2 && b.length <= 2) [day, year] = [a, b.padStart(2, '0')];
  else return null;
  return { year, month, day: Number(day), h, mi, s: sec, frac, ampm };
}
