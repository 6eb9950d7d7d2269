/**
 * The scoring service over plain node:http. Routes:
 *   POST /score        body {"input_data": {"columns": [...], "index": [...], "data": [[...]]}}
 *                      (the reference notebook's request; MLflow's {"dataframe_split": {...}} too)
 *                      → {"predictions": [cluster ids], "segments": [names], "distances": [...]}
 *                      With `?format=mlflow` (or header `Accept: application/json; format=mlflow`):
 *                      the bare array of cluster ids, as an MLflow model endpoint answers.
 *   POST /invocations  the same as /score (MLflow's scoring route name)
 *   GET  /health       {"status": "ok", "model": id}
 *   GET  /model        the model's metadata (no customer data)
 * Errors are JSON {"error": {"code", "message", "field", "row"}} with 400 (malformed JSON or values,
 * naming the field and row), 404, 405, 413 (body over the limit), 415 (not application/json), 500.
 * Request bodies are bounded in size and time; a handler failure never ends the process.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { errorText } from '../../messages/errors';

export interface ScoreAnswer {
  readonly predictions: readonly number[];
  readonly segments: readonly string[];
  readonly distances: readonly (number | null)[];
}

/** A failure the client caused: HTTP status, a code, a sentence, and the field/row when known. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
    readonly row: number | null = null,
  ) {
    super(message);
  }
}

export interface Scorer {
  /** Metadata for GET /model. */
  readonly metadata: unknown;
  readonly id: string;
  /** Scores a parsed JSON body; throws RequestError (or a ModelError-like {code, path, row}). */
  score(body: unknown): ScoreAnswer;
}

export interface ServiceOptions {
  /** Largest request body in bytes (default 16 MiB). */
  readonly bodyLimit?: number;
  /** Whole-request time limit in ms (default 30 s); headers must arrive within 10 s. */
  readonly requestTimeoutMs?: number;
  /** Called for each answered request (for logs). */
  readonly log?: (line: string) => void;
}

export const DEFAULT_BODY_LIMIT = 16 * 1024 * 1024;

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

function sendError(res: ServerResponse, e: RequestError, headers: Record<string, string> = {}): void {
  send(res, e.status, { error: { code: e.code, message: e.message, field: e.field, row: e.row } }, headers);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(tooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > limit) {
        done = true;
        reject(tooLarge(limit));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!done) {
        done = true;
        resolve(Buffer.concat(chunks));
      }
    });
    // the client went away (or was cut off by the time limit) before the end of its body
    req.on('close', () => {
      if (!done) {
        done = true;
        reject(
          new RequestError(400, 'request-incomplete', 'The request body ended before its declared length.'),
        );
      }
    });
    req.on('error', (e) => {
      if (!done) {
        done = true;
        reject(e);
      }
    });
  });
}

function tooLarge(limit: number): RequestError {
  return new RequestError(
    413,
    'body-too-large',
    `The request body is larger than ${limit} bytes. Send the customers in smaller batches.`,
  );
}

function isJsonType(value: string | undefined): boolean {
  if (!value) return false;
  const type = value.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}

/** The bare-array (MLflow-compatible) answer is asked for by ?format=mlflow or an Accept parameter. */
export function wantsBareArray(url: URL, accept: string | undefined): boolean {
  const f = url.searchParams.get('format')?.toLowerCase();
  if (f === 'mlflow' || f === 'array') return true;
  return /;\s*format\s*=\s*"?mlflow"?/i.test(accept ?? '');
}

/** A thrown value as a client error when it is one (RequestError, or a core error with a code). */
function asRequestError(e: unknown): RequestError | null {
  if (e instanceof RequestError) return e;
  if (typeof e === 'object' && e !== null) {
    const o = e as { code?: unknown; message?: unknown; path?: unknown; row?: unknown };
    if (typeof o.code === 'string' && typeof o.message === 'string' && o.code !== 'internal')
      return new RequestError(
        400,
        o.code,
        errorText(e) ?? o.message,
        typeof o.path === 'string' && o.path !== '' ? o.path : null,
        typeof o.row === 'number' ? o.row : null,
      );
  }
  return null;
}

async function handle(
  scorer: Scorer,
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  if (path === '/health' || path === '/ping') {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendError(res, new RequestError(405, 'method-not-allowed', 'Use GET.'), { Allow: 'GET, HEAD' });
    return send(res, 200, { status: 'ok', model: scorer.id });
  }
  if (path === '/model') {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendError(res, new RequestError(405, 'method-not-allowed', 'Use GET.'), { Allow: 'GET, HEAD' });
    return send(res, 200, scorer.metadata);
  }
  if (path !== '/score' && path !== '/invocations')
    return sendError(
      res,
      new RequestError(404, 'not-found', `No route ${path}. Routes: POST /score, GET /health, GET /model.`),
    );
  if (req.method !== 'POST')
    return sendError(res, new RequestError(405, 'method-not-allowed', 'Use POST with a JSON body.'), {
      Allow: 'POST',
    });
  if (!isJsonType(req.headers['content-type'])) {
    req.resume();
    return sendError(
      res,
      new RequestError(
        415,
        'unsupported-media-type',
        `Send the body as JSON with the header "Content-Type: application/json" (got ${JSON.stringify(req.headers['content-type'] ?? null)}).`,
      ),
    );
  }
  const raw = await readBody(req, limit);
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch (e) {
    throw new RequestError(
      400,
      'request-not-json',
      `The body is not valid JSON (${e instanceof Error ? e.message : String(e)}).`,
    );
  }
  const answer = scorer.score(body);
  if (wantsBareArray(url, req.headers.accept)) return send(res, 200, answer.predictions);
  return send(res, 200, answer);
}

export function createScoringServer(scorer: Scorer, options: ServiceOptions = {}): Server {
  const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const server = createServer(
    {
      requestTimeout,
      headersTimeout: Math.min(10_000, requestTimeout),
      keepAliveTimeout: 5_000,
      // how often unfinished requests are checked against the time limits (Node's default is 30 s)
      connectionsCheckingInterval: Math.min(1_000, requestTimeout),
    },
    (req, res) => {
      const t0 = performance.now();
      res.on('finish', () =>
        options.log?.(`${req.method} ${req.url} ${res.statusCode} ${(performance.now() - t0).toFixed(1)} ms`),
      );
      handle(scorer, req, res, limit).catch((e: unknown) => {
        const re = asRequestError(e);
        if (re) {
          // A body over the limit is not read further: answer and close the connection.
          sendError(res, re, re.status === 413 ? { Connection: 'close' } : {});
          if (re.status === 413) req.on('data', () => undefined);
          return;
        }
        options.log?.(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        sendError(
          res,
          new RequestError(500, 'internal', 'The request could not be scored (an internal error).'),
        );
      });
    },
  );
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    const timeout =
      err.code === 'ERR_HTTP_REQUEST_TIMEOUT' || err.code === 'ERR_HTTP_REQUEST_HEADERS_TIMEOUT';
    const line = timeout ? '408 Request Timeout' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${line}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    else socket.destroy(err);
  });
  return server;
}

/** Stops accepting connections, lets requests in flight finish (at most `graceMs`), then resolves. */
export function shutdown(server: Server, graceMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.closeAllConnections();
      resolve();
    }, graceMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}
