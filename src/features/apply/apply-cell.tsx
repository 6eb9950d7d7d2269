import { Cell } from '../../components/cell';
import { formatInt } from '../../components/format';
import { Message } from '../../components/message';
import { Progress } from '../../components/progress';
import { cancelApply, dismissOpenError, rerunApply } from '../../store/apply-actions';
import { useNotebook } from '../../store/store';
import { useStep } from '../../store/selectors/step';
import { ApplyExports } from './apply-exports';
import { DriftPanel } from './drift-panel';
import { issueText } from './issue-text';
import { ModelOpener } from './model-opener';
import { RequestBox } from './request-box';
import { TransitionsPanel } from './transitions-panel';
import './apply.css';

const STAGE_TEXT = {
  scoring: 'Scoring the customers with the saved model',
  drift: 'Comparing with the training data',
  'before-rfm': 'Computing RFM at the second date',
  before: 'Scoring the "before" customers',
  transitions: 'Counting who moved',
  reading: 'Reading the previous export',
} as const;

function day(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : '—';
}

/** Apply a saved model: score the loaded file with it (nothing refitted), drift, transitions. */
export function ApplyCell() {
  const applied = useNotebook((s) => s.applied);
  const { status, error } = useStep('apply');
  const stage = useNotebook((s) => s.applyStage);
  const openError = useNotebook((s) => s.applyOpenError);
  const run = useNotebook((s) => s.applyRun);
  const rfm = useNotebook((s) => s.rfm);
  const dataset = useNotebook((s) => s.rfmSource ?? s.datasetName);
  const m = applied?.model ?? null;
  const current = run !== null && m !== null && run.model === m;
  return (
    <Cell
      step="apply"
      status={applied ? status : 'waiting'}
      metrics={m ? { 'model-id': m.id, customers: current ? run.rfm.customerIds.length : null } : {}}
      summary={
        m ? (
          <>
            <strong>{applied!.fileName}</strong> ({m.id}) applied to{' '}
            <strong>{dataset ?? 'no file yet'}</strong>: nothing is refitted.
          </>
        ) : (
          'Score a new file with a model saved earlier, see who moved between segments and what drifted.'
        )
      }
    >
      <ModelOpener open={m !== null} />
      {openError ? (
        <Message kind="error" title="This model could not be opened" testId="apply-open-error">
          <p>{issueText(openError)}</p>
          <p>
            {m
              ? `The model ${applied!.fileName} stays applied; nothing was lost.`
              : 'Nothing else was changed.'}{' '}
            <button type="button" className="button button--secondary" onClick={dismissOpenError}>
              Dismiss
            </button>
          </p>
        </Message>
      ) : null}
      {m ? (
        <>
          <Message kind="info" title="Apply mode: nothing is refitted" testId="apply-mode-note">
            <p>
              Each customer is transformed with the saved λ (
              {Array.from(m.lambdas, (v) => v.toFixed(3)).join(', ')}), standardised with the saved means and
              scales and assigned to the nearest of the {m.k} saved centres. The Transform, Choose k and
              Segments steps are paused while the model is applied.
            </p>
            <p className="small">
              Trained on {m.datasetName ?? 'an unnamed file'}
              {m.trainingCustomers !== null ? ` (${formatInt(m.trainingCustomers)} customers)` : ''}
              {m.createdAt ? `, saved ${m.createdAt.slice(0, 10)}` : ''}, model format {m.formatVersion}. The
              saved cleaning and RFM settings are used on this file
              {applied!.notReplayed.length > 0 ? ` except ${applied!.notReplayed.join(', ')}` : ''}; the
              analysis date is {rfm ? day(rfm.analysisTime) : 'the new file’s default'} (change it in the RFM
              step).
            </p>
          </Message>
          {status === 'running' ? (
            <Progress label={stage ? STAGE_TEXT[stage] : 'Scoring'} value={null} onCancel={cancelApply} />
          ) : null}
          {error && status !== 'running' ? (
            <Message
              kind={error.code === 'cancelled' ? 'warning' : 'error'}
              title="Scoring stopped"
              testId="apply-error"
            >
              <p>{issueText(error)}</p>
              <p>
                <button type="button" className="button button--secondary" onClick={rerunApply}>
                  Run again
                </button>
              </p>
            </Message>
          ) : null}
          {!rfm ? (
            <p className="muted">
              Load a file in the Data step: it is scored as soon as its RFM table is ready.
            </p>
          ) : null}
          {current ? (
            <>
              <DriftPanel run={run} names={m.names} />
              <TransitionsPanel run={run} names={m.names} />
              <ApplyExports run={run} names={m.names} dataset={dataset} />
            </>
          ) : (
            <TransitionsPanel run={null} names={m.names} />
          )}
          <RequestBox />
        </>
      ) : null}
    </Cell>
  );
}
