import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Context, TypedResponse } from 'hono';
import { shareFreshReads } from './share-fresh-reads.ts';

const gzipBytes = promisify(gzip);

/** An answer as it goes on the wire: its JSON, the same gzip'd, and their strong ETags. */
interface ReadyAnswer {
  contentType: string;
  plain: Uint8Array<ArrayBuffer>;
  gzipped: Uint8Array<ArrayBuffer>;
  /** The ETag of the JSON; the gzip'd bytes are another representation, so they have their own. */
  etag: string;
  gzippedEtag: string;
}

/** What a planners' office asks in a day, many times over, fits well inside this. */
const defaultMaximumBytes = 64 * 1024 * 1024;

/**
 * Answers of the heavy read routes (coverage, isochrones) kept in memory as ready bytes, so that
 * asking again costs one small read of the data's fingerprint, not the analysis, JSON and gzip.
 * An answer is keyed by its path, its query (in any order) and the fingerprint of the stored data:
 * any write changes the fingerprint, and every answer is then computed afresh. Each answer carries
 * a strong ETag; a client that sends it back as If-None-Match gets 304 and no body.
 */
export function createReadyAnswers(readFingerprint: () => Promise<string>, maximumBytes = defaultMaximumBytes) {
  const readFreshFingerprint = shareFreshReads(readFingerprint);
  /** Least recently used first. A promise, so that a burst of the same question computes it once. */
  const answers = new Map<string, Promise<ReadyAnswer>>();
  const sizes = new Map<string, number>();
  let storedBytes = 0;
  let currentFingerprint = '';

  function forget(key: string) {
    answers.delete(key);
    storedBytes -= sizes.get(key) ?? 0;
    sizes.delete(key);
  }

  function remember(key: string, answer: Promise<ReadyAnswer>) {
    answers.set(key, answer);
    answer.then(
      (ready) => {
        if (answers.get(key) !== answer) return;
        const size = ready.plain.byteLength + ready.gzipped.byteLength;
        sizes.set(key, size);
        storedBytes += size;
        for (const oldest of answers.keys()) {
          if (storedBytes <= maximumBytes || oldest === key) break;
          forget(oldest);
        }
      },
      // A failed computation is not kept: the next request tries again.
      () => {
        if (answers.get(key) === answer) forget(key);
      },
    );
  }

  async function prepare(contentType: string, compute: () => Promise<unknown>): Promise<ReadyAnswer> {
    const plain = Buffer.from(JSON.stringify(await compute())) as Uint8Array<ArrayBuffer>;
    const gzipped = await gzipBytes(plain) as Uint8Array<ArrayBuffer>;
    const hash = createHash('sha256').update(plain).digest('base64url').slice(0, 32);
    return { contentType, plain, gzipped, etag: `"${hash}"`, gzippedEtag: `"${hash}-gzip"` };
  }

  return {
    /**
     * The answer to this request: from memory when the same question was answered on the same
     * data, else `compute`d (after the route has validated the request) and kept. Typed as the
     * JSON answer of `compute`, which it is, so that the route's contract and the client's types hold.
     */
    async answer<Body>(context: Context, contentType: string, compute: () => Promise<Body>): Promise<TypedResponse<Body, 200, 'json'>> {
      const fingerprint = await readFreshFingerprint();
      if (fingerprint !== currentFingerprint) {
        // The data changed: no answer computed before can be asked for again.
        for (const key of [...answers.keys()]) forget(key);
        currentFingerprint = fingerprint;
      }
      const url = new URL(context.req.url);
      url.searchParams.sort();
      const key = `${fingerprint}\n${url.pathname}?${url.searchParams}`;
      let answer = answers.get(key);
      if (answer) {
        answers.delete(key);
        answers.set(key, answer);
      } else {
        answer = prepare(contentType, compute);
        remember(key, answer);
      }
      const ready = await answer;

      const acceptsGzip = /\bgzip\b/i.test(context.req.header('accept-encoding') ?? '');
      const etag = acceptsGzip ? ready.gzippedEtag : ready.etag;
      // no-cache: a browser keeps the answer but asks each time whether it is still right (304).
      const headers: Record<string, string> = { etag, 'cache-control': 'no-cache', vary: 'Accept-Encoding' };
      let response: Response;
      if (matchesIfNoneMatch(context.req.header('if-none-match'), [ready.etag, ready.gzippedEtag])) {
        response = context.body(null, 304, headers);
      } else {
        headers['content-type'] = ready.contentType;
        if (acceptsGzip) headers['content-encoding'] = 'gzip';
        response = context.body(acceptsGzip ? ready.gzipped : ready.plain, 200, headers);
      }
      return response as unknown as TypedResponse<Body, 200, 'json'>;
    },
  };
}

export type ReadyAnswers = ReturnType<typeof createReadyAnswers>;

/** If-None-Match compares weakly (RFC 9110 13.1.2): W/ is ignored, and `*` matches any answer. */
function matchesIfNoneMatch(header: string | undefined, etags: string[]): boolean {
  if (!header) return false;
  return header.split(',').map((tag) => tag.trim().replace(/^W\//, '')).some((tag) => tag === '*' || etags.includes(tag));
}
