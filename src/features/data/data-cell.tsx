import { useEffect, useState } from 'react';
import { Fact } from '../../components/fact';
import { Cell, type CellStatus } from '../../components/cell';
import { FileButton } from '../../components/file-button';
import { useFileDrop } from '../../components/file-drop';
import { Message } from '../../components/message';
import { Progress } from '../../components/progress';
import { delimiterName, formatBytes, formatInt, formatMs } from '../../components/format';
import {
  cancelLoad,
  dismissWorkerRestart,
  loadFile,
  loadSample,
  SAMPLE_ATTRIBUTION,
} from '../../store/data-actions';
import { useNotebook } from '../../store/store';
import { useStep } from '../../store/selectors/step';
import { openModelFile } from '../../store/apply-actions';
import { skippedLinesSentence, titleLinesSentence } from '../../messages/file-shape';
import type { TablePreview } from '../../core/ingest/types';

const ACCEPT =
  '.csv,.tsv,.txt,.json,.gz,.csv.gz,.tsv.gz,.txt.gz,.xlsx,.xls,text/csv,text/plain,text/tab-separated-values,application/gzip,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel';

/** Text encodings the user can force when the detected one is wrong ('' = detect). */
const ENCODINGS = [
  ['', 'Auto'],
  ['utf-8', 'UTF-8'],
  ['windows-1252', 'Windows-1252'],
  ['utf-16le', 'UTF-16'],
] as const;

const STAGE_TEXT = {
  reading: 'Reading',
  parsing: 'Parsing',
  typing: 'Reading values',
  cleaning: 'Cleaning',
  rfm: 'Computing RFM',
} as const;

const isModelFile = (f: File) => /\.json$/i.test(f.name);

/** Bring data in — the built-in sample, a file picker or drag and drop. */
export function DataCell() {
  const { status, error } = useStep('load');
  const progress = useNotebook((s) => s.loadProgress);
  const loadingName = useNotebook((s) => s.loadingName);
  const result = useNotebook((s) => s.loadResult);
  const source = useNotebook((s) => s.dataSource);
  const fileBytes = useNotebook((s) => s.fileBytes);
  const fileBlob = useNotebook((s) => s.fileBlob);
  const restart = useNotebook((s) => s.workerRestart);
  // The forced encoding of the loaded file ('' = detected), from the store so a restore shows it too.
  const encoding = useNotebook((s) => s.loadChoice.encoding ?? '');
  const choice = useNotebook((s) => s.loadChoice);
  const running = status === 'running';
  const hasSegments = useNotebook((s) => s.sweep !== null);
  // The name of the load the user cancelled, said until the next load starts.
  const [cancelled, setCancelled] = useState<string | null>(null);
  useEffect(() => {
    if (running) setCancelled(null);
  }, [running]);
  const cancel = () => {
    setCancelled(loadingName ?? 'the file');
    cancelLoad();
  };

  const onFiles = (files: FileList | null) => {
    const all = Array.from(files ?? []);
    // A saved model (.json) opens apply mode (see the "Apply a saved model" cell); a data file loads.
    for (const m of all.filter(isModelFile)) void openModelFile(m, m.name);
    const f = all.find((x) => !isModelFile(x));
    if (!f) return;
    void loadFile(f, f.name);
  };
  const { over: dragging, dropProps } = useFileDrop(onFiles);

  let progressValue: number | null = null;
  let detail: string | undefined;
  let label = `Loading ${loadingName ?? ''}`;
  if (progress) {
    if (progress.download) label = `Downloading ${loadingName ?? 'the sample'}`;
    else label = `${STAGE_TEXT[progress.stage]} ${loadingName ?? ''}`;
    progressValue = progress.bytesTotal > 0 ? progress.bytesDone / progress.bytesTotal : null;
    const rows = progress.rows > 0 ? ` · ${formatInt(progress.rows)} rows` : '';
    detail =
      progress.bytesTotal > 0
        ? `${formatBytes(progress.bytesDone)} of ${formatBytes(progress.bytesTotal)}${rows}`
        : progress.downloadSize !== undefined
          ? // The browser unpacks a compressed download as it arrives: the unpacked bytes cannot be
            // compared with the compressed size, so both are said (and the bar is indeterminate).
            `${formatBytes(progress.downloadSize)} compressed download · ${formatBytes(progress.bytesDone)} unpacked so far`
          : `${formatBytes(progress.bytesDone)} received${rows}`;
  }

  // The loaded file, to read again with another sheet or encoding.
  const reloadable =
    source === 'file' && fileBlob !== null && result ? { blob: fileBlob, name: result.fileName } : null;
  const cellStatus: CellStatus = status;
  return (
    <Cell
      step="data"
      status={cellStatus}
      metrics={
        result
          ? { 'parse-ms': Math.round(result.parseMs), bytes: result.byteLength, rows: result.rowCount }
          : {}
      }
      summary={
        result ? (
          <>
            <strong>{result.fileName}</strong> · {formatInt(result.rowCount)} rows · {result.headers.length}{' '}
            columns
          </>
        ) : (
          'Transactions (one row per order line) or a ready RFM table, as CSV, TSV or text, optionally gzipped.'
        )
      }
    >
      <div className="data-sources">
        <div className="data-sources__sample">
          <button
            type="button"
            className={`button ${result ? 'button--secondary' : 'button--primary'}`}
            onClick={() => void loadSample()}
            disabled={running}
          >
            Try the sample data
          </button>
          <p className="muted small">
            541,909 order lines of a UK online gift shop, 2010–2011. Source: {SAMPLE_ATTRIBUTION}.
          </p>
        </div>
        <div className={`dropzone${dragging ? ' dropzone--over' : ''}`} data-testid="dropzone" {...dropProps}>
          <p>
            <strong>Drop a file here</strong> or{' '}
            <FileButton disabled={running} accept={ACCEPT} label="Choose a data file" onFiles={onFiles}>
              Choose a file…
            </FileButton>
          </p>
          <p className="muted small">
            .csv .tsv .txt, the same gzipped (.gz), or an Excel workbook (.xlsx). The file is read here, on
            this computer. A saved model (.json) dropped here is applied to the data instead of fitting.
          </p>
        </div>
      </div>

      {running ? (
        <Progress
          label={label}
          value={progressValue}
          {...(detail !== undefined ? { detail } : {})}
          onCancel={cancel}
        />
      ) : null}

      {cancelled !== null && !running ? (
        <Message kind="info" title="Loading cancelled" testId="load-cancelled">
          <p>
            Reading {cancelled} was cancelled.{' '}
            {result
              ? `The previous file, ${result.fileName}, and its results are still loaded.`
              : 'Nothing was loaded; pick a file or try the sample again.'}
          </p>
        </Message>
      ) : null}

      {result && hasSegments && !running ? (
        <p className="next-step" data-testid="go-to-segments">
          <a href="#cell-segments" className="button button--primary">
            Go to your segments
          </a>
        </p>
      ) : null}

      {error ? (
        <Message kind="error" title={`Could not use this file`} testId="load-error">
          <p>{error.message}</p>
          {result ? <p>The previous file, {result.fileName}, and its results are still loaded.</p> : null}
        </Message>
      ) : null}

      {restart ? (
        <Message kind="warning" title="The data worker was restarted" testId="worker-restarted">
          <p>
            The worker that holds {restart.fileName} stopped unexpectedly ({restart.detail}). A new one read
            the file again and applied your columns and cleaning; nothing you did was lost.
          </p>
          <button type="button" className="button button--secondary" onClick={dismissWorkerRestart}>
            OK
          </button>
        </Message>
      ) : null}

      {result ? (
        <dl className="facts" aria-label="File facts" data-testid="file-facts">
          <Fact term="File" wide>
            {result.fileName}
            {source === 'sample' ? ' (sample)' : ''}
          </Fact>
          <Fact term="Rows" testId="fact-rows">
            {formatInt(result.rowCount)}
          </Fact>
          <Fact term="Size">
            {fileBytes !== null && fileBytes !== result.byteLength ? (
              <>
                {formatBytes(fileBytes)}{' '}
                <span className="facts__note">({formatBytes(result.byteLength)} unpacked)</span>
              </>
            ) : (
              formatBytes(result.byteLength)
            )}
          </Fact>
          {result.sheet !== undefined ? (
            <Fact term="Sheet">
              {reloadable && result.sheets && result.sheets.length > 1 ? (
                <select
                  aria-label="Sheet"
                  value={result.sheet}
                  disabled={running}
                  onChange={(e) => void loadFile(reloadable.blob, reloadable.name, { sheet: e.target.value })}
                >
                  {result.sheets.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </select>
              ) : (
                result.sheet
              )}
            </Fact>
          ) : (
            <>
              <Fact term="Delimiter">{delimiterName(result.delimiter)}</Fact>
              <Fact term="Encoding">
                <span data-testid="fact-encoding">{result.encoding}</span>
                {reloadable ? (
                  <>
                    {' '}
                    <select
                      aria-label="Text encoding"
                      value={encoding}
                      disabled={running}
                      onChange={(e) => {
                        const v = e.target.value;
                        void loadFile(reloadable.blob, reloadable.name, v === '' ? {} : { encoding: v });
                      }}
                    >
                      {ENCODINGS.map(([v, label]) => (
                        <option key={v} value={v}>
                          {label}
                        </option>
                      ))}
                    </select>
                  </>
                ) : null}
              </Fact>
            </>
          )}
          <Fact term="Parse time">{formatMs(result.parseMs)}</Fact>
        </dl>
      ) : null}
      {result && (result.titleLines > 0 || result.skippedLines > 0) ? (
        <TitleLines
          result={result}
          reload={
            reloadable
              ? (skipLines) => {
                  const { skipLines: _, ...rest } = choice;
                  void loadFile(
                    reloadable.blob,
                    reloadable.name,
                    skipLines > 0 ? { ...rest, skipLines } : rest,
                  );
                }
              : null
          }
        />
      ) : null}
      {result && result.ragged.count > 0 ? (
        <Message
          kind="warning"
          title={`${formatInt(result.ragged.count)} rows have a different number of fields than the header`}
        >
          For example spreadsheet rows {result.ragged.exampleRows.join(', ')}. Missing fields are read as
          empty; check the preview below.
        </Message>
      ) : null}
    </Cell>
  );
}

/** Title lines above the header: what the data says, and reading from the header's line (or line 1 again). */
function TitleLines({
  result,
  reload,
}: {
  result: { preview: TablePreview; titleLines: number; skippedLines: number; sheet?: string | undefined };
  reload: ((skipLines: number) => void) | null;
}) {
  const sheet = result.sheet !== undefined;
  if (result.skippedLines > 0) {
    return (
      <Message kind="info" testId="skipped-lines">
        <p>{skippedLinesSentence(result.skippedLines, sheet)}</p>
        {reload ? (
          <button type="button" className="button button--secondary" onClick={() => reload(0)}>
            Read {sheet ? 'row' : 'line'} 1 as the header
          </button>
        ) : null}
      </Message>
    );
  }
  const { title, body, action } = titleLinesSentence(
    result.preview,
    result.titleLines,
    sheet,
    reload ? 'button' : 'file',
  );
  return (
    <Message kind="warning" title={title} testId="title-lines">
      <p>{body}</p>
      {reload ? (
        <button type="button" className="button button--secondary" onClick={() => reload(result.titleLines)}>
          {action}
        </button>
      ) : null}
    </Message>
  );
}
