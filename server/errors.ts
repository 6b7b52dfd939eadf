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
    if (status === 413) return context.json({ code: 'PayloadTooLarge', message: 'The request body is too large', messageZh: '请求内容过大' }, status);
    if (status === 415) return context.json({ code: 'UnsupportedMediaType', message: error.message || 'This content type is not accepted here', messageZh: '不支持该内容类型' }, status);
    return context.json({ code: 'BadRequest', message: error.message || 'The request could not be handled', messageZh: '请求无法处理' }, status);
  }
  // Text the database cannot store (a NUL character, bytes that are not UTF-8) is the sender's to fix.
  const databaseCode = (error as { code?: unknown }).code;
  if (databaseCode === '22021' || databaseCode === '22P05') {
    return context.json({ code: 'InvalidCharacters', message: 'The request contains characters that cannot be stored (such as NUL)', messageZh: '请求中含有无法保存的字符（如 NUL）' }, 400);
  }
  console.error(error);
  return context.json({ code: 'InternalError', message: 'Something went wrong on the server; the request changed nothing', messageZh: '服务器出错，请求未做任何更改' }, 500);
}
