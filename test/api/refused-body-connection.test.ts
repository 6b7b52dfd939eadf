import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { serversUnderTest } from '../helpers/api.ts';
import type { ServerUnderTest } from '../helpers/start-servers.ts';

/**
 * Issue 12: "A 413 answer says keep-alive and then closes the socket, so the client's next request
 * on that connection fails with no answer." Over one raw socket, as a keep-alive client uses it:
 * a refused body, then a second request on the same connection, which must be answered. A body
 * too large to read to its end is answered with `Connection: close` instead.
 */

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One HTTP/1.1 connection: write bytes, read whole answers (Content-Length framed), in order. */
function openConnection(server: ServerUnderTest) {
  const { hostname, port } = new URL(server.url);
  const socket: Socket = connect(Number(port), hostname);
  let received = Buffer.alloc(0);
  let closed = false;
  const waiting: (() => void)[] = [];
  const wake = () => waiting.splice(0).forEach((resume) => resume());
  socket.on('data', (chunk) => {
    received = Buffer.concat([received, chunk]);
    wake();
  });
  socket.on('close', () => {
    closed = true;
    wake();
  });
  socket.on('error', () => undefined);

  async function readAnswer(timeoutMilliseconds = 20_000): Promise<RawAnswer | 'closed'> {
    const deadline = Date.now() + timeoutMilliseconds;
    for (;;) {
      const headerEnd = received.indexOf('\r\n\r\n');
      if (headerEnd >= 0) {
        const [statusLine, ...lines] = received.subarray(0, headerEnd).toString('latin1').split('\r\n');
        const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
        const length = Number(headers['content-length'] ?? 0);
        if (received.length >= headerEnd + 4 + length) {
          const body = received.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
          received = received.subarray(headerEnd + 4 + length);
          return { status: Number(statusLine.split(' ')[1]), headers, body };
        }
      }
      if (closed) return 'closed';
      if (Date.now() > deadline) throw new Error('no answer in time');
      await new Promise<void>((resume) => {
        waiting.push(resume);
        setTimeout(resume, 200);
      });
    }
  }
  return {
    write: (bytes: string | Uint8Array) => new Promise<void>((resolve) => socket.write(bytes, () => resolve())),
    readAnswer,
    close: () => socket.destroy(),
  };
}

const overTwoMegabytes = Buffer.alloc(3 * 1024 * 1024, 'a');
const host = (server: ServerUnderTest) => new URL(server.url).host;
const postHead = (server: ServerUnderTest, path: string, contentType: string, framing: string) =>
  `POST ${path} HTTP/1.1\r\nHost: ${host(server)}\r\nContent-Type: ${contentType}\r\n${framing}\r\n\r\n`;
const healthRequest = (server: ServerUnderTest) => `GET /api/health HTTP/1.1\r\nHost: ${host(server)}\r\n\r\n`;

function chunked(bytes: Uint8Array, chunkBytes = 64 * 1024): Buffer {
  const parts: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
    const chunk = bytes.subarray(offset, offset + chunkBytes);
    parts.push(Buffer.from(`${chunk.length.toString(16)}\r\n`), Buffer.from(chunk), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}

describe.each(serversUnderTest())('a refused body and the connection after it on the $database database', (server) => {
  const refusals: [name: string, path: string, contentType: string, framing: string, body: Uint8Array, status: number][] = [
    ['413, Content-Length over the limit', '/api/impact', 'application/json', `Content-Length: ${overTwoMegabytes.length}`, overTwoMegabytes, 413],
    ['413, chunked past the limit', '/api/impact', 'application/json', 'Transfer-Encoding: chunked', chunked(overTwoMegabytes), 413],
    ['413, an import over 10 MB', '/api/collections/refused_upload/import?format=csv', 'text/csv', `Authorization: Bearer ${server.adminToken}\r\nContent-Length: ${11 * 1024 * 1024}`, Buffer.alloc(11 * 1024 * 1024, 'a'), 413],
    ['415, a large text/plain body', '/api/impact', 'text/plain', `Content-Length: ${1024 * 1024}`, Buffer.alloc(1024 * 1024, 'a'), 415],
    ['401, a write without a session', '/api/collections/projects/items', 'application/json', `Content-Length: ${512 * 1024}`, Buffer.alloc(512 * 1024, ' '), 401],
  ];

  it.each(refusals)('%s: answered in JSON with keep-alive, and the next request on the same connection is answered', async (_name, path, contentType, framing, body, status) => {
    const connection = openConnection(server);
    try {
      await connection.write(postHead(server, path, contentType, framing));
      await connection.write(body);
      const refused = await connection.readAnswer();
      expect(refused).not.toBe('closed');
      const answer = refused as RawAnswer;
      expect(answer.status).toBe(status);
      expect(JSON.parse(answer.body)).toMatchObject({ code: expect.any(String), message: expect.any(String), messageZh: expect.any(String) });
      expect(answer.headers.connection?.toLowerCase()).toBe('keep-alive');
      await connection.write(healthRequest(server));
      const next = await connection.readAnswer();
      expect(next, 'the second request on the connection got no answer').not.toBe('closed');
      expect((next as RawAnswer).status).toBe(200);
    } finally {
      connection.close();
    }
  });

  it('a declared body too large to read to its end: 413 with Connection: close, and the connection ends after the answer', async () => {
    const connection = openConnection(server);
    try {
      // Only the head: the server answers from Content-Length without waiting for the body.
      await connection.write(postHead(server, '/api/impact', 'application/json', `Content-Length: ${64 * 1024 * 1024}`));
      const refused = await connection.readAnswer();
      expect(refused).not.toBe('closed');
      expect((refused as RawAnswer).status).toBe(413);
      expect((refused as RawAnswer).headers.connection?.toLowerCase()).toBe('close');
      expect(await connection.readAnswer()).toBe('closed');
    } finally {
      connection.close();
    }
  });
});
