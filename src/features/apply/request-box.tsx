import { useId, useState } from 'react';
import { DataTable } from '../../components/data-table';
import { formatNumber } from '../../components/format';
import { Message } from '../../components/message';
import type { RequestOutput } from '../../workers/apply/client';
import type { ApplyIssue } from '../../store/apply-slice';
import { scoreRequestBody } from '../../store/apply-actions';
import { useNotebook } from '../../store/store';
import { issueText } from './issue-text';

const EXAMPLE =
  '{"input_data": {"columns": ["Recency(Days)", "Frequency", "Monetary(£)"], "index": [0, 1], "data": [[12.33, 109.43, 1647.36], [85.06, 33.10, 553.39]]}}';

/** The reference notebook's scoring request: paste a body, get index, cluster id, name and distance. */
export function RequestBox() {
  const names = useNotebook((s) => s.applied?.model.names ?? []);
  const [text, setText] = useState('');
  const [result, setResult] = useState<RequestOutput | null>(null);
  const [error, setError] = useState<ApplyIssue | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const score = async () => {
    setBusy(true);
    try {
      setResult(await scoreRequestBody(text));
      setError(null);
    } catch (e) {
      // the last good result stays visible
      setError(e as ApplyIssue);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="apply-section" aria-labelledby={`${id}-title`} data-testid="apply-request">
      <h3 className="subhead" id={`${id}-title`}>
        Score a request body
      </h3>
      <label htmlFor={`${id}-body`} className="small">
        The reference notebook’s endpoint format (pandas “split”): paste a body such as{' '}
        <code className="apply-code">{EXAMPLE}</code>
      </label>
      <textarea
        id={`${id}-body`}
        className="apply-textarea"
        rows={5}
        value={text}
        onChange={(e) => setText(e.target.value)}
        spellCheck={false}
        data-testid="apply-request-body"
      />
      <p>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void score()}
          disabled={busy || text.trim() === ''}
          data-testid="apply-request-score"
        >
          Score these rows
        </button>{' '}
        <button type="button" className="button button--secondary" onClick={() => setText(EXAMPLE)}>
          Use the example
        </button>
      </p>
      {error ? (
        <Message kind="error" title="This body could not be scored" testId="apply-request-error">
          {issueText(error)}
        </Message>
      ) : null}
      {result ? (
        <DataTable
          className="apply-table"
          testId="apply-request-result"
          caption="Scored rows of the request"
          rows={result.index.map((ix, i) => ({ ix, c: result.clusterIndex[i]!, d: result.distances[i]! }))}
          columns={[
            { header: 'Index', rowHeader: true, cell: (r) => String(r.ix) },
            { header: 'Cluster id', numeric: true, cell: (r) => r.c + 1 },
            { header: 'Segment', cell: (r) => names[r.c] || `Segment ${r.c + 1}` },
            { header: 'Distance', numeric: true, cell: (r) => formatNumber(r.d) },
          ]}
        />
      ) : null}
    </section>
  );
}
