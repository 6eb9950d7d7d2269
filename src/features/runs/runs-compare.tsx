/** Two runs side by side: the main figures, what changed (every differing parameter and metric), the sweep per k. */
import type { ReactNode } from 'react';
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

function Row({ label, a, b }: { label: string; a: unknown; b: unknown }): ReactNode {
  const same = JSON.stringify(a) === JSON.stringify(b);
  return (
    <tr className={same ? undefined : 'runs-compare__changed'}>
      <th scope="row">{label}</th>
      <td>{show(a)}</td>
      <td>{show(b)}</td>
      <td>{same ? '' : 'changed'}</td>
    </tr>
  );
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
      <div className="table-wrap">
        <table className="model-table" aria-label="Runs side by side">
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">A</th>
              <th scope="col">B</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            <Row label="input" a={a.input.name} b={b.input.name} />
            <Row label="input sha256" a={a.input.sha256.slice(0, 16)} b={b.input.sha256.slice(0, 16)} />
            <Row label="customers modelled" a={a.metrics.customersModelled} b={b.metrics.customersModelled} />
            <Row label="seed" a={a.params.kmeans.seed} b={b.params.kmeans.seed} />
            <Row label="suggested k" a={a.metrics.suggestedK} b={b.metrics.suggestedK} />
            <Row label="chosen k" a={a.metrics.chosenK} b={b.metrics.chosenK} />
            <Row
              label="segment sizes"
              a={a.metrics.segmentSizes.join(' / ')}
              b={b.metrics.segmentSizes.join(' / ')}
            />
            <Row label="inertia at chosen k" a={a.metrics.inertia} b={b.metrics.inertia} />
            <Row
              label="λ (R, F, M)"
              a={a.metrics.lambdas.map(show).join(', ')}
              b={b.metrics.lambdas.map(show).join(', ')}
            />
            <Row label="engine" a={a.params.kmeans.engine} b={b.params.kmeans.engine} />
            <Row label="duration (ms)" a={a.durationMs} b={b.durationMs} />
          </tbody>
        </table>
      </div>
      <h3 className="subhead">What changed in the settings and results</h3>
      {diff.length === 0 ? (
        <p data-testid="runs-no-change">No setting or result differs (sweep metrics aside).</p>
      ) : (
        <div className="table-wrap">
          <table className="model-table" data-testid="runs-diff" aria-label="Differences between the runs">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">A</th>
                <th scope="col">B</th>
              </tr>
            </thead>
            <tbody>
              {diff.map((d) => (
                <tr key={d.path} data-path={d.path}>
                  <th scope="row">
                    <code>{d.path}</code>
                  </th>
                  <td>{show(d.a)}</td>
                  <td>{show(d.b)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3 className="subhead">Sweep per k</h3>
      <div className="table-wrap">
        <table className="model-table" aria-label="Sweep metrics of both runs per k">
          <thead>
            <tr>
              <th scope="col">k</th>
              <th scope="col">inertia A</th>
              <th scope="col">inertia B</th>
              <th scope="col">silhouette A</th>
              <th scope="col">silhouette B</th>
              <th scope="col">Davies-Bouldin A</th>
              <th scope="col">Davies-Bouldin B</th>
            </tr>
          </thead>
          <tbody>
            {ks.map((k) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td>{show(at(a, k)?.inertia)}</td>
                <td>{show(at(b, k)?.inertia)}</td>
                <td>{show(at(a, k)?.silhouette)}</td>
                <td>{show(at(b, k)?.silhouette)}</td>
                <td>{show(at(a, k)?.daviesBouldin)}</td>
                <td>{show(at(b, k)?.daviesBouldin)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
