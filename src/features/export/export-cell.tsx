import { useState, useSyncExternalStore } from 'react';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { ActionItem } from '../../components/action-item';
import { Cell } from '../../components/cell';
import { formatInt } from '../../components/format';
import { Message } from '../../components/message';
import { getPlots, plotToPng, subscribePlots } from '../../components/plot/registry';
import { customersCsv, profilesCsv, segmentCsvs } from '../../core/segments/exports';
import {
  buildModelJson,
  modelJsonText,
  modelKmeansSection,
  type ModelJsonInput,
} from '../../core/segments/model-json';
import { trainingSummaryOfFit } from '../../core/model/summary';
import { WarehouseSql } from './warehouse-sql';
import { exportFileName, sanitiseFileStem } from '../../core/segments/naming';
import { rfmScoresForExport } from '../../store/rfm-scores-actions';
import { useNotebook } from '../../store/store';
import { useSegmentation, type Segmentation } from '../../store/selectors/segmentation';
import { downloadBlob, textBlob } from '../../components/download';
import '../../components/model-cells.css';

const CSV = 'text/csv;charset=utf-8';

function customerInput(seg: Segmentation) {
  const rfm = seg.sweep.rfm;
  return {
    customerIds: rfm.customerIds,
    recency: rfm.recency,
    frequency: rfm.frequency,
    monetary: rfm.monetary,
    labels: seg.point.result.labels,
    names: seg.names,
    // RFM scores and named segments under the current settings (docs/rfm-scores.md).
    rfmScores: rfmScoresForExport(rfm)?.columns,
  };
}

/** The model JSON input of the current segmentation (the Model download and the warehouse SQL). */
function modelInput(seg: Segmentation, datasetName: string | null): ModelJsonInput {
  const st = useNotebook.getState();
  const sw = seg.sweep;
  return {
    appVersion: __APP_VERSION__,
    datasetName,
    createdAt: new Date(),
    customers: seg.profiles.n,
    cleaningSettings: st.cleaningSettings,
    rfmSettings: st.rfmSettings,
    fit: sw.transform.fit,
    k: seg.k,
    seed: sw.seed,
    engine: sw.engineInfo.name,
    engineReason: sw.engineInfo.reason,
    kmeans: modelKmeansSection(sw, seg.point, sw.result.restartSample),
    features: sw.features,
    centroidsStandardised: seg.point.result.centroids,
    centroidsOriginal: seg.centroidsOriginal,
    names: seg.names,
    descriptions: seg.profiles.segments.map((s) => s.description.text),
    sizes: seg.profiles.segments.map((s) => s.size),
    sweep: sw.result.points,
    knee: sw.result.knee,
    input: st.mappingResult?.input ?? null,
    rfmScores: rfmScoresForExport(sw.rfm)?.saved,
    // formatVersion 2: the training customers summarised for drift when the model is applied
    training: trainingSummaryOfFit(
      sw.rfm,
      sw.transform.X,
      seg.point.result.labels,
      seg.point.result.centroids,
      seg.k,
      sw.features.length,
    ),
  };
}

/** Downloads of the customers, segments, profiles, model and charts. */
export function ExportCell() {
  const seg = useSegmentation();
  const status = useNotebook((s) => s.sweepStatus);
  const datasetName = useNotebook((s) => s.rfmSource ?? s.datasetName);
  const plots = useSyncExternalStore(subscribePlots, getPlots, getPlots);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const ready = seg !== null && status === 'ready';
  const now = new Date();
  const name = (what: string) => exportFileName(datasetName, seg?.k ?? 0, now, what);

  const run = (what: string, fn: () => Promise<void> | void) => async () => {
    setBusy(what);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(`The ${what} could not be written: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(null);
    }
  };

  const files = seg
    ? [
        {
          id: 'customers',
          label: 'All customers (CSV)',
          file: name('customers.csv'),
          detail: `${formatInt(seg.profiles.n)} rows: customer_id, recency, frequency, monetary, cluster_id, cluster_name, RFM scores and named segment`,
          action: () => downloadBlob(textBlob(customersCsv(customerInput(seg)), CSV), name('customers.csv')),
        },
        {
          id: 'segments',
          label: 'One CSV per segment (zip)',
          file: name('segments.zip'),
          detail: `${seg.k} files, same columns`,
          action: () => {
            const entries: Zippable = {};
            for (const f of segmentCsvs(customerInput(seg), seg.k)) {
              entries[name(`segment-${f.id}-${sanitiseFileStem(f.name, 'segment')}.csv`)] = strToU8(f.csv);
            }
            downloadBlob(
              new Blob([zipSync(entries) as Uint8Array<ArrayBuffer>], { type: 'application/zip' }),
              name('segments.zip'),
            );
          },
        },
        {
          id: 'profiles',
          label: 'Profile table (CSV)',
          file: name('profiles.csv'),
          detail: `${seg.k} rows: sizes, shares, revenue, centres, medians, descriptions`,
          action: () =>
            downloadBlob(textBlob(profilesCsv(seg.profiles, seg.names), CSV), name('profiles.csv')),
        },
        {
          id: 'model',
          label: 'Model (JSON)',
          file: name('model.json'),
          detail: 'cleaning and RFM settings, λ, means, scales, centres in both spaces, seed, engine, k',
          action: () => {
            const text = modelJsonText(modelInput(seg, datasetName));
            downloadBlob(textBlob(text, 'application/json'), name('model.json'));
          },
        },
      ]
    : [];

  return (
    <Cell
      step="export"
      status={seg ? status : 'waiting'}
      summary={
        seg
          ? `Files are made in this browser and saved to your computer; nothing is uploaded.`
          : 'Waiting for the segments.'
      }
    >
      {seg && status !== 'ready' ? (
        <Message kind="info">The model is being recomputed; exports are available when it is ready.</Message>
      ) : null}
      {error ? (
        <Message kind="error" title="Export failed">
          {error}
        </Message>
      ) : null}
      {seg ? (
        <>
          <ul className="export-list">
            {files.map((f) => (
              <ActionItem
                key={f.id}
                label={f.label}
                disabled={!ready || busy !== null}
                onClick={run(f.label, f.action)}
                testId={`export-${f.id}`}
              >
                <span className="export-list__file">{f.file}</span>
                <span className="muted small">{f.detail}</span>
              </ActionItem>
            ))}
          </ul>
          <WarehouseSql
            disabled={!ready || busy !== null}
            datasetName={datasetName}
            k={seg.k}
            model={() => buildModelJson(modelInput(seg, datasetName))}
          />
          <h3 className="subhead">Charts (PNG)</h3>
          {plots.length === 0 ? <p className="muted small">No charts are drawn yet.</p> : null}
          <ul className="export-list export-list--charts">
            {plots.map((p) => (
              <ActionItem
                key={p.id}
                primary={false}
                label={p.title}
                disabled={!ready || busy !== null}
                testId={`export-png-${p.name}`}
                onClick={run(`${p.title} image`, async () =>
                  downloadBlob(await plotToPng(p.element), name(`${p.name}.png`)),
                )}
              />
            ))}
          </ul>
          {plots.length > 1 ? (
            <p>
              <button
                type="button"
                className="button button--secondary"
                disabled={!ready || busy !== null}
                data-testid="export-png-all"
                onClick={run('charts', async () => {
                  const entries: Zippable = {};
                  for (const p of getPlots())
                    entries[name(`${p.name}.png`)] = [
                      new Uint8Array(await (await plotToPng(p.element)).arrayBuffer()),
                      { level: 0 },
                    ];
                  downloadBlob(
                    new Blob([zipSync(entries) as Uint8Array<ArrayBuffer>], { type: 'application/zip' }),
                    name('charts.zip'),
                  );
                })}
              >
                All charts (zip)
              </button>
            </p>
          ) : null}
          {busy ? (
            <p className="muted small" role="status">
              Preparing {busy}…
            </p>
          ) : null}
        </>
      ) : null}
    </Cell>
  );
}
