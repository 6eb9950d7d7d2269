/** Two runs side by side: the main figures, what changed (every differing parameter and metric), the sweep per k. */
import { DataTable } from '../../components/data-table';
import { diffRuns } from '../../core/runs/diff';
import type { RunRecord } from '../../core/runs/run-record';

function show(v: unknown): string {
  if (v === undefined) return '—';
  if (v === null) return 'none';
  if (typeof v === 'number')
    return Number.isInteger(v) ? v.toLocaleString('en') : String(Number(v.toPrecision(6)));
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

interface Line {
  readonly label: string;
  readonly a: unknown;
  readonly b: unknown;
}

const same = (l: Line) => JSON.stringify(l.a) === JSON.stringify(l.b);

/** The main figures of two runs, one line each. */
function mainLines(a: RunRecord, b: RunRecord): Line[] {
  const line = (label: string, f: (r: RunRecord) => unknown): Line => ({ label, a: f(a), b: f(b) });
  return [
    line('input', (r) => r.input.name),
    line('input sha256', (r) => r.input.sha256.slice(0, 16)),
    line('customers modelled', (r) => r.metrics.customersModelled),
    line('seed', (r) => r.params.kmeans.seed),
    line('suggested k', (r) => r.metrics.suggestedK),
    line('chosen k', (r) => r.metrics.chosenK),
    line('segment sizes', (r) => r.metrics.segmentSizes.join(' / ')),
    line('inertia at chosen k', (r) => r.metrics.inertia),
    line('λ (R, F, M)', (r) => r.metrics.lambdas.map(show).join(', ')),
    line('engine', (r) => r.params.kmeans.engine),
    line('duration (ms)', (r) => r.durationMs),
  ];
}

export function RunsCompare({ a, b }: { a: RunRecord; b: RunRecord }) {
  const diff = diffRuns(a, b).filter((d) => !d.path.startsWith('metrics.sweep'));
  const ks = [...new Set([...a.metrics.sweep, ...b.metrics.sweep].map((p) => p.k))].sort((x, y) => x - y);
  const at = (r: RunRecord, k: number) => r.metrics.sweep.find((p) => p.k === k);
  return (
    <section aria-label="Comparison of two runs" data-testid="runs-compare">
      <h3 className="subhead">
        A: {a.id} · B: {b.id}
      </h3>
      <DataTable
        caption="Runs side by side"
        rows={mainLines(a, b)}
        rowKey={(l) => l.label}
        rowProps={(l) => (same(l) ? {} : { className: 'runs-compare__changed' })}
        columns={[
          { header: <span className="visually-hidden">Figure</span>, rowHeader: true, cell: (l) => l.label },
          { header: 'A', cell: (l) => show(l.a) },
          { header: 'B', cell: (l) => show(l.b) },
          {
            header: <span className="visually-hidden">Changed</span>,
            cell: (l) => (same(l) ? '' : 'changed'),
          },
        ]}
      />
      <h3 className="subhead">What changed in the settings and results</h3>
      {diff.length === 0 ? (
        <p data-testid="runs-no-change">No setting or result differs (sweep metrics aside).</p>
      ) : (
        <DataTable
          testId="runs-diff"
          caption="Differences between the runs"
          rows={diff}
          rowKey={(d) => d.path}
          rowProps={(d) => ({ 'data-path': d.path })}
          columns={[
            { header: 'Field', rowHeader: true, cell: (d) => <code>{d.path}</code> },
            { header: 'A', cell: (d) => show(d.a) },
            { header: 'B', cell: (d) => show(d.b) },
          ]}
        />
      )}
      <h3 className="subhead">Sweep per k</h3>
      <DataTable
        caption="Sweep metrics of both runs per k"
        rows={ks}
        rowKey={(k) => k}
        columns={[
          { header: 'k', rowHeader: true, cell: (k) => k },
          ...(['inertia', 'silhouette', 'daviesBouldin'] as const).flatMap((m) =>
            ([a, b] as const).map((r, j) => ({
              header: `${m === 'daviesBouldin' ? 'Davies-Bouldin' : m} ${j === 0 ? 'A' : 'B'}`,
              numeric: true,
              cell: (k: number) => show(at(r, k)?.[m]),
            })),
          ),
        ]}
      />
    </section>
  );
}
