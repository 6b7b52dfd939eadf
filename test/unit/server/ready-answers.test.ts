import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createReadyAnswers } from '../../../server/services/ready-answers.ts';
import { shareFreshReads } from '../../../server/services/share-fresh-reads.ts';

/** A promise and the function that settles it, so a test decides when a read ends. */
function deferred<Value>() {
  let resolve!: (value: Value) => void;
  const promise = new Promise<Value>((settle) => { resolve = settle; });
  return { promise, resolve };
}

describe('shareFreshReads', () => {
  it('gives a caller who asks while a read runs the next read, shared with everyone who asked meanwhile', async () => {
    const reads: ReturnType<typeof deferred<number>>[] = [];
    const read = shareFreshReads(() => {
      const next = deferred<number>();
      reads.push(next);
      return next.promise;
    });
    const first = read();
    const second = read();
    const third = read();
    expect(reads).toHaveLength(1);
    reads[0].resolve(1);
    expect(await first).toBe(1);
    // The second read starts only when the first has ended: it may see a write the first missed.
    await Promise.resolve();
    await Promise.resolve();
    expect(reads).toHaveLength(2);
    reads[1].resolve(2);
    expect([await second, await third]).toEqual([2, 2]);
    const fourth = read();
    expect(reads).toHaveLength(3);
    reads[2].resolve(3);
    expect(await fourth).toBe(3);
  });

  it('lets a failed read fail its callers and the next caller read again', async () => {
    let calls = 0;
    const read = shareFreshReads(async () => {
      calls += 1;
      if (calls === 1) throw new Error('the database is away');
      return calls;
    });
    await expect(read()).rejects.toThrow('away');
    expect(await read()).toBe(2);
  });
});

describe('createReadyAnswers', () => {
  function appWithReadyAnswers(maximumBytes?: number) {
    let fingerprint = 'revision-1';
    let computations = 0;
    const ready = createReadyAnswers(async () => fingerprint, maximumBytes);
    const app = new Hono().get('/answer', (context) => ready.answer(context, 'application/json', async () => {
      computations += 1;
      return { question: context.req.query('question'), fingerprint, padding: 'x'.repeat(2000) };
    }));
    return {
      ask: (query: string, headers: Record<string, string> = {}) => app.request(`/answer?${query}`, { headers }),
      change: (next: string) => { fingerprint = next; },
      computations: () => computations,
    };
  }

  it('computes a question once, answers it again from memory with the same strong ETag, and 304 to If-None-Match', async () => {
    const server = appWithReadyAnswers();
    const first = await server.ask('question=a&other=1');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    expect((await first.json()).question).toBe('a');
    const again = await server.ask('other=1&question=a');
    expect(again.headers.get('etag')).toBe(etag);
    expect(server.computations()).toBe(1);
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const notModified = await server.ask('question=a&other=1', { 'if-none-match': ifNoneMatch });
      expect(notModified.status, ifNoneMatch).toBe(304);
      expect(await notModified.text()).toBe('');
    }
    expect((await server.ask('question=a&other=1', { 'if-none-match': '"something-else"' })).status).toBe(200);
    expect(server.computations()).toBe(1);
  });

  it('sends the gzip\'d bytes, with their own ETag, to a client that accepts gzip', async () => {
    const server = appWithReadyAnswers();
    const plain = await server.ask('question=b');
    const gzipped = await server.ask('question=b', { 'accept-encoding': 'gzip, br' });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(gzipped.headers.get('vary')).toBe('Accept-Encoding');
    expect(gzipped.headers.get('etag')).toBe(plain.headers.get('etag')!.replace(/"$/, '-gzip"'));
    const text = gunzipSync(Buffer.from(await gzipped.arrayBuffer())).toString();
    expect(JSON.parse(text)).toEqual(await plain.json());
    // Either tag names the same answer: a revalidation gets 304 whichever the client kept.
    expect((await server.ask('question=b', { 'if-none-match': plain.headers.get('etag')!, 'accept-encoding': 'gzip' })).status).toBe(304);
  });

  it('computes afresh when the data\'s fingerprint changes, and keeps no more bytes than it may', async () => {
    const server = appWithReadyAnswers(10_000);
    const before = await server.ask('question=c');
    server.change('revision-2');
    const after = await server.ask('question=c');
    expect(server.computations()).toBe(2);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect((await after.json()).fingerprint).toBe('revision-2');
    // Each answer is about 2 kB twice (plain and gzip'd, which is small): ten questions do not fit in 10 kB.
    for (let question = 0; question < 10; question += 1) await server.ask(`question=${question}`);
    const computedBefore = server.computations();
    await server.ask('question=0');
    expect(server.computations()).toBe(computedBefore + 1);
    await server.ask('question=9');
    expect(server.computations()).toBe(computedBefore + 1);
  });

  it('computes a burst of the same question once, and does not keep a failed computation', async () => {
    let computations = 0;
    let fail = true;
    const ready = createReadyAnswers(async () => 'revision');
    const app = new Hono().get('/answer', (context) => ready.answer(context, 'application/json', async () => {
      computations += 1;
      await new Promise((resolve) => setImmediate(resolve));
      if (fail) throw new Error('the graph could not be built');
      return { answer: 42 };
    }));
    app.onError((error, context) => context.json({ message: error.message }, 500));
    const burst = await Promise.all(Array.from({ length: 5 }, () => app.request('/answer')));
    expect(burst.map((response) => response.status)).toEqual([500, 500, 500, 500, 500]);
    expect(computations).toBe(1);
    fail = false;
    const answers = await Promise.all(Array.from({ length: 5 }, () => app.request('/answer')));
    expect(answers.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    expect(computations).toBe(2);
  });
});
