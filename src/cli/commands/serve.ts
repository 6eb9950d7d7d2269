/** `segment-notebook serve MODEL`: the scoring service on loopback (see ../service/http-server.ts). */
import type { AddressInfo } from 'node:net';
import type { Command } from '../command';
import { CliError, EXIT } from '../exit-codes';
import { createScoringServer, DEFAULT_BODY_LIMIT, shutdown } from '../service/http-server';
import { modelScorer } from '../service/scorer';
import { readModel } from './model-file';
import { intOption, requirePositionals } from './util';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export const serveCommand: Command = {
  name: 'serve',
  summary: "serve a model over HTTP: POST /score with the reference notebook's request body",
  help: `Usage: segment-notebook serve MODEL [--port P] [--host 127.0.0.1] [--body-limit BYTES]

Scores customers sent as the reference notebook's request (pandas "split" orientation):
  curl -s localhost:8080/score -H 'Content-Type: application/json' \\
    -d '{"input_data": {"columns": ["Recency(Days)", "Frequency", "Monetary(£)"],
                        "index": [0, 1], "data": [[3, 12, 4310.0], [300, 1, 77.18]]}}'
  → {"predictions": [0, 3], "segments": ["…", "…"], "distances": [0.41, 0.87]}
Columns are matched by name in any order: Recency(Days), Frequency, Monetary(£) (also Monetary(Â£)
and recency / frequency / monetary). predictions are 0-based cluster indexes (as scikit-learn's
KMeans.predict; cluster_id in the CSV exports is index + 1). MLflow's {"dataframe_split": {...}} body
is accepted too.

Routes:
  POST /score (or /invocations)  scores; add ?format=mlflow (or "Accept: application/json;
                                 format=mlflow") for the bare array of cluster indexes, as an MLflow
                                 model endpoint answers
  GET  /health                   {"status": "ok", "model": id}
  GET  /model                    the model's metadata (no customer data)
Errors: 400 malformed JSON or values (naming the field and row), 404, 405, 413 body too large,
415 not application/json. Listens on 127.0.0.1 unless --host says otherwise; SIGTERM or Ctrl-C stop
it after the requests in flight.

Options:
  --port P            port (default 8080; 0 = any free port, printed on stderr)
  --host H            address to listen on (default 127.0.0.1)
  --body-limit BYTES  largest request body (default ${DEFAULT_BODY_LIMIT})`,
  options: {
    port: { type: 'string', short: 'p' },
    host: { type: 'string' },
    'body-limit': { type: 'string' },
  },
  async run({ values, positionals }, ctx) {
    requirePositionals(positionals, 1, 'one MODEL file', 'serve');
    const model = await readModel(ctx.cwd, positionals[0]);
    const port = intOption(values.port, '--port', 0, 65535) ?? 8080;
    const bodyLimit = intOption(values['body-limit'], '--body-limit', 1024, 1 << 30) ?? DEFAULT_BODY_LIMIT;
    const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
    if (!LOOPBACK.has(host))
      ctx.err(
        `segment-notebook serve: listening on ${host}, not only this machine: anyone who can reach it can score customers. There is no authentication.\n`,
      );
    const server = createScoringServer(modelScorer(model), { bodyLimit, log: (l) => ctx.progress(l) });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) =>
        reject(
          new CliError(
            e.code ?? 'listen',
            `cannot listen on ${host}:${port} (${e.code === 'EADDRINUSE' ? 'the port is taken; choose another with --port' : e.message}).`,
            EXIT.service,
          ),
        ),
      );
      server.listen(port, host, () => resolve());
    });
    const addr = server.address() as AddressInfo;
    const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    ctx.err(`segment-notebook serve: model ${model.id} (k = ${model.k}) on http://${shown}:${addr.port}\n`);
    const stopped = new Promise<number>((resolve) => {
      const stop = (why: string) => {
        ctx.err(`segment-notebook serve: ${why}; finishing requests in flight\n`);
        void shutdown(server).then(() => resolve(EXIT.ok));
      };
      const onTerm = () => stop('SIGTERM');
      const onInt = () => stop('interrupted');
      process.once('SIGTERM', onTerm);
      process.once('SIGINT', onInt);
      ctx.signal.addEventListener('abort', () => stop('stopped'));
      server.once('close', () => {
        process.off('SIGTERM', onTerm);
        process.off('SIGINT', onInt);
      });
    });
    return stopped;
  },
};
