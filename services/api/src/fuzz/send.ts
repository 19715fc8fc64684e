import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import type { FuzzRequest } from './requests';

export interface FuzzAnswer {
  /** the status, or undefined when the server closed the connection without one */
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly body: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

const sendHttp = (base: URL, r: Extract<FuzzRequest, { kind: 'http' }>): Promise<FuzzAnswer> =>
  new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...r.headers };
    if (r.body !== undefined) headers['Content-Length'] = r.body.length;
    const req = request(
      {
        host: base.hostname,
        port: base.port,
        method: r.method,
        path: r.path,
        headers,
        agent,
      },
      (res) => {
        if (String(res.headers['content-type'] ?? '').startsWith('text/event-stream')) {
          // a live event stream never ends: its status is the whole answer
          res.destroy();
          resolve({
            status: res.statusCode,
            requestId: res.headers['x-request-id'] as string | undefined,
            body: '',
          });
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            requestId: res.headers['x-request-id'] as string | undefined,
            body: Buffer.concat(chunks).toString('utf8').slice(0, 2000),
          }),
        );
        res.on('error', reject);
      },
    );
    // the server may answer (413) and close before the whole body is written
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' || error.code === 'EPIPE'
        ? resolve({ status: undefined, requestId: undefined, body: error.code })
        : reject(error),
    );
    req.end(r.body);
  });

/** Writes the bytes on a fresh connection and reads the status line of whatever comes back. */
const sendRaw = (base: URL, bytes: Buffer): Promise<FuzzAnswer> =>
  new Promise((resolve) => {
    const socket = connect(Number(base.port), base.hostname);
    let received = '';
    const done = () => {
      socket.destroy();
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(received)?.[1];
      resolve({
        status: status === undefined ? undefined : Number(status),
        requestId: /x-request-id: ([^\r\n]+)/i.exec(received)?.[1],
        body: received.slice(0, 500),
      });
    };
    socket.setTimeout(300, done);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n\r\n')) done();
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.write(bytes);
  });

export const send = (base: URL, r: FuzzRequest): Promise<FuzzAnswer> =>
  r.kind === 'raw' ? sendRaw(base, r.bytes) : sendHttp(base, r);

export const closeAgent = (): void => agent.destroy();
