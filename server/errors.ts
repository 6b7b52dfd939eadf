import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * A failure a user can cause and fix: it carries the HTTP status and a message in words, in
 * English and Chinese. Everything else that goes wrong is our fault and answers 500 without details.
 */
export class RequestError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly messageZh?: string,
  ) {
    super(message);
  }
}

export function notFound(what: string, whatZh: string): RequestError {
  return new RequestError(404, 'NotFound', `${what} was not found`, `未找到${whatZh}`);
}

/** The one place where errors become HTTP answers. */
export function answerError(error: Error, context: Context): Response {
  if (error instanceof RequestError) {
    return context.json({ code: error.code, message: error.message, messageZh: error.messageZh }, error.status);
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    const message = status === 413 ? 'The request body is too large' : error.message || 'The request could not be handled';
    return context.json({ code: status === 413 ? 'PayloadTooLarge' : 'BadRequest', message }, status);
  }
  console.error(error);
  return context.json({ code: 'InternalError', message: 'Something went wrong on the server; the request changed nothing', messageZh: '服务器出错，请求未做任何更改' }, 500);
}
