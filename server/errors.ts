import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DatabaseUnavailableError } from './db/database.ts';
import type { ErrorBody, ErrorDetails } from './contract/errors.ts';

/**
 * A failure a user can cause and fix: it carries the HTTP status, a code and a message in
 * words, in English and Chinese; where the request can be mended, the members that say how
 * (per-field `problems`, a `suggestedGeometry`, the `current` version…); and headers the answer
 * needs (WWW-Authenticate). Everything else that goes wrong is our fault and answers 500
 * without details.
 */
export class RequestError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly messageZh: string,
    readonly details: ErrorDetails = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  get body(): ErrorBody {
    const { problems, ...rest } = this.details;
    return { code: this.code, message: this.message, messageZh: this.messageZh, ...(problems && problems.length > 0 ? { problems } : {}), ...rest };
  }
}

export function notFound(what: string, whatZh: string): RequestError {
  return new RequestError(404, 'NotFound', `${what} was not found`, `未找到${whatZh}`);
}

/** The one place where errors become HTTP answers, all with the one error body (contract/errors.ts). */
export function answerError(error: Error, context: Context): Response {
  const body = describeError(error);
  if (body.status === 500) console.error(error);
  return context.json(body.error, body.status, body.headers);
}

function describeError(error: Error): { status: ContentfulStatusCode; error: ErrorBody; headers?: Record<string, string> } {
  if (error instanceof RequestError) return { status: error.status, error: error.body, headers: error.headers };
  if (error instanceof HTTPException) {
    const status = error.status;
    if (status === 413) return { status, error: { code: 'PayloadTooLarge', message: 'The request body is too large', messageZh: '请求内容过大' } };
    if (status === 415) return { status, error: { code: 'UnsupportedMediaType', message: error.message || 'This content type is not accepted here', messageZh: '不支持该内容类型' } };
    return { status, error: { code: 'BadRequest', message: error.message || 'The request could not be handled', messageZh: '请求无法处理' } };
  }
  // The database is away (stopped, restarting): nothing the request could fix; the same request
  // works once it is back. A write answered so was rolled back, or (its commit's confirmation
  // lost) stored whole: never in part.
  if (error instanceof DatabaseUnavailableError) {
    return {
      status: 503,
      headers: { 'Retry-After': String(databaseRetrySeconds) },
      error: {
        code: 'DatabaseUnavailable',
        message: `The database is unavailable just now, so the request could not be completed. Try again in ${databaseRetrySeconds} seconds`,
        messageZh: `数据库暂时无法连接，请求未能完成，请 ${databaseRetrySeconds} 秒后重试`,
      },
    };
  }
  // Text the database cannot store (a NUL character, bytes that are not UTF-8) is the sender's to fix.
  const databaseCode = (error as { code?: unknown }).code;
  if (databaseCode === '22021' || databaseCode === '22P05') {
    return { status: 400, error: { code: 'InvalidCharacters', message: 'The request contains characters that cannot be stored (such as NUL)', messageZh: '请求中含有无法保存的字符（如 NUL）' } };
  }
  return { status: 500, error: { code: 'InternalError', message: 'Something went wrong on the server; the request changed nothing', messageZh: '服务器出错，请求未做任何更改' } };
}

/** Seconds a client is asked to wait while the database is away (a restart takes a few). */
const databaseRetrySeconds = 5;
