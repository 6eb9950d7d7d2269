/**
 * The notebook's steps: one entry per step id, the only place a step's names are written.
 * `<Cell step="…">` takes its id, heading and purpose from here; the app's step bar, page status and
 * error boundaries take the short title. The order of the steps and their components live in
 * `src/app/notebook.tsx` (typed by `StepId`, so a step missing there or unknown here fails to compile).
 */

export interface StepNames {
  /** Short title: the step bar, the page's status sentence, the error boundary's message. */
  readonly short: string;
  /** The cell's heading. */
  readonly title: string;
  /** One plain sentence of what the step is for, shown under the cell's heading. */
  readonly purpose?: string;
}

export const STEPS = {
  data: {
    short: 'Data',
    title: 'Data',
    purpose: 'Bring in your transactions — one row per order line — or try the built-in sample.',
  },
  profile: {
    short: 'Profile',
    title: 'Data profile',
    purpose: 'Check what each column holds before anything is computed from it.',
  },
  columns: {
    short: 'Columns',
    title: 'Columns',
    purpose: 'Tell the notebook which column is the customer, the date, the amount and so on.',
  },
  glance: {
    short: 'At a glance',
    title: 'Transactions at a glance',
    purpose: 'See the shape of the sales over time and spot odd lines before cleaning.',
  },
  cleaning: {
    short: 'Cleaning',
    title: 'Cleaning',
    purpose: 'Choose which lines count, such as cancellations, returns and lines without a customer.',
  },
  rfm: {
    short: 'RFM',
    title: 'RFM per customer',
    purpose: 'One row per customer: how recently, how often and how much they bought.',
  },
  apply: { short: 'Apply a model', title: 'Apply a saved model' },
  transform: {
    short: 'Transform',
    title: 'Transform',
    purpose: 'Choose the measures to segment on and make them comparable so no single one dominates.',
  },
  'pair-plots': {
    short: 'Pair plots',
    title: 'Pair plots',
    purpose: 'See how customers spread across recency, frequency and spend, before and after the transform.',
  },
  'choose-k': {
    short: 'Choose k',
    title: 'Choose k',
    purpose: 'Decide how many segments to make; the notebook recommends a number and says why.',
  },
  segments: {
    short: 'Segments',
    title: 'Segments',
    purpose: 'Meet your segments: who is in each, what they are worth, and a name for each.',
  },
  'rfm-scores': { short: 'RFM scores', title: 'RFM scores and named segments' },
  export: {
    short: 'Export',
    title: 'Export',
    purpose: 'Take the segments away: customer lists, the profile table, the charts and a reusable model.',
  },
  runs: { short: 'Runs', title: 'Runs' },
} as const satisfies Readonly<Record<string, StepNames>>;

/** A notebook step's id: the cell's `id="cell-<id>"` and `data-testid="cell-<id>"`. */
export type StepId = keyof typeof STEPS;
