import { createHash, timingSafeEqual } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { findSignedIn, requireRole } from '../auth/sign-in.ts';
import { ErrorBody } from '../contract/ogc.ts';
import { ImportParameters, ImportQuery, ImportRejection, ImportReport, importLimits } from '../contract/import.ts';
import type { Database } from '../db/database.ts';
import { RequestError } from '../errors.ts';
import { importFile } from '../import/import-file.ts';
import { createRouter } from './router.ts';

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBody } } });
const fileBody = { type: 'string', format: 'binary' } as const;
const megabytes = importLimits.fileBytes / 1024 / 1024;

/**
 * Bring your own data over HTTP: an admin posts a GeoJSON, CSV or OpenStreetMap XML file as the
 * raw request body. "Admin" is a signed-in admin (session cookie and X-CSRF-Token) or, for scripts,
 * `Authorization: Bearer <token>` with the token of LIFECIRCLE_ADMIN_TOKEN (without that setting,
 * bearer tokens are refused).
 */
export function createImportRoutes(database: Database, adminToken: string | null) {
  const requireAdmin = createMiddleware(async (context, next) => {
    const presented = context.req.header('authorization')?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
    if (presented) {
      // A script with the server's token.
      if (!adminToken) {
        throw new RequestError(403, 'ImportDisabled',
          'Import over the API is disabled on this server for bearer tokens: set LIFECIRCLE_ADMIN_TOKEN to enable it, sign in as an admin, or use `npm run import` on the server',
          '此服务器未开启令牌方式的 API 导入：请设置 LIFECIRCLE_ADMIN_TOKEN、以管理员身份登录，或在服务器上使用 npm run import');
      }
      if (!sameSecret(presented, adminToken)) return unauthorised(context, 'The admin token is wrong', '管理员令牌不正确');
      return next();
    }
    // A person: an admin's session cookie with its X-CSRF-Token (401/403 otherwise).
    if (await findSignedIn(database, context)) {
      await requireRole(database, context, 'admin');
      return next();
    }
    return unauthorised(context,
      'Importing data needs an admin: sign in as an admin (session cookie and X-CSRF-Token), or send the admin token as Authorization: Bearer <token>',
      '导入数据需要管理员：请以管理员身份登录（会话 Cookie 与 X-CSRF-Token），或发送管理员令牌 Authorization: Bearer <令牌>');
  });
  const limitFileSize = bodyLimit({
    maxSize: importLimits.fileBytes,
    onError: () => {
      throw new RequestError(413, 'PayloadTooLarge', `The file is larger than ${megabytes} MB; split it into smaller files`, `文件超过 ${megabytes} MB，请拆分后导入`);
    },
  });

  const router = createRouter();
  router.openAPIRegistry.registerComponent('securitySchemes', 'adminToken', {
    type: 'http', scheme: 'bearer', description: 'The token set in LIFECIRCLE_ADMIN_TOKEN on the server',
  });
  return router.openapi(
    createRoute({
      method: 'post',
      path: '/collections/{collectionId}/import',
      summary: 'Import a GeoJSON, CSV or OpenStreetMap XML file into a collection (admins)',
      description: [
        'The file is the raw request body. Coordinates are converted from `crs` to WGS 84. Every row is checked;',
        'a file with bad rows loads nothing (422, with every bad row and its line) unless `keepGoodRows=true`.',
        'Importing the same file again changes nothing. `replace=true` replaces all features of the collection.',
        'A new lower_snake_case collection id creates the collection.',
        `At most ${megabytes} MB, ${importLimits.features} features, ${importLimits.verticesPerFeature} vertices per feature.`,
      ].join(' '),
      security: [{ adminToken: [] }],
      middleware: [requireAdmin, limitFileSize] as const,
      request: {
        params: ImportParameters,
        query: ImportQuery,
        body: {
          required: true,
          description: 'The file, as it is on disk',
          content: {
            'application/geo+json': { schema: fileBody },
            'text/csv': { schema: fileBody },
            'application/vnd.openstreetmap.data+xml': { schema: fileBody },
            'application/octet-stream': { schema: fileBody },
          },
        },
      },
      responses: {
        200: { description: 'Loaded (or nothing to change); with keepGoodRows, the rows left out', content: { 'application/json': { schema: ImportReport } } },
        400: errorResponse('The file cannot be read as the format, or a parameter is wrong'),
        401: errorResponse('Neither an admin session nor the admin token, or the wrong token'),
        403: errorResponse('Signed in without the admin role or without a valid X-CSRF-Token, or bearer tokens are disabled on this server'),
        413: errorResponse(`The file is larger than ${megabytes} MB or has too many features or vertices`),
        422: { description: 'Bad rows: nothing was loaded; the report lists every bad row', content: { 'application/json': { schema: ImportRejection } } },
      },
    }),
    async (context) => {
      const { collectionId } = context.req.valid('param');
      const query = context.req.valid('query');
      if (/^multipart\/form-data/i.test(context.req.header('content-type') ?? '')) {
        throw new RequestError(400, 'FormUploadNotSupported', 'Send the file itself as the raw request body (e.g. fetch(url, { body: file })), not as a multipart form',
          '请将文件本身作为请求体发送，而不是以表单（multipart）方式上传');
      }
      const bytes = new Uint8Array(await context.req.arrayBuffer());
      const report = await importFile(database, {
        collectionId,
        bytes,
        fileName: query.fileName ?? 'upload',
        contentType: context.req.header('content-type'),
        format: query.format,
        crs: query.crs,
        replace: query.replace,
        keepGoodRows: query.keepGoodRows,
        title: query.title,
        importedBy: 'api',
      });
      if (!report.loaded) return context.json({ code: 'BadRows', message: report.message, messageZh: report.messageZh, report }, 422);
      return context.json(report, 200);
    },
  );
}

function unauthorised(context: Context, message: string, messageZh: string) {
  return context.json({ code: 'Unauthorized', message, messageZh }, 401, { 'WWW-Authenticate': 'Bearer realm="lifecircle import"' });
}

/** Compares two secrets in constant time (hashing first makes the lengths equal). */
function sameSecret(presented: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
