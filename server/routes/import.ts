import { createHash, timingSafeEqual } from 'node:crypto';
import { createRoute, type z } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { findSignedIn, requireRole } from '../auth/sign-in.ts';
import { errorAnswer } from '../contract/errors.ts';
import { ImportParameters, ImportPreview, ImportQuery, ImportReport, importLimits, previewFeatureLimit } from '../contract/import.ts';
import type { Database } from '../db/database.ts';
import { RequestError } from '../errors.ts';
import { importFile, previewImport, type ImportRequest } from '../import/import-file.ts';
import { createRouter, limitBody } from './router.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by the import routes' guard: the signed-in editor's name, or null for a script's token. */
    importer: string | null;
  }
}

const fileBody = { type: 'string', format: 'binary' } as const;
const megabytes = importLimits.fileBytes / 1024 / 1024;

/**
 * Bring your own data over HTTP: an editor posts an office's file (Excel, CSV, zipped Shapefile,
 * GeoPackage, KML, GeoJSON, OpenStreetMap XML) as the raw request body, to preview it or to load
 * it. "Editor" is a signed-in editor or admin (session cookie and X-CSRF-Token: the 导入数据
 * dialog) or, for scripts, `Authorization: Bearer <token>` with the token of LIFECIRCLE_ADMIN_TOKEN
 * (without that setting, bearer tokens are refused). Mounted at /collections.
 */
export function createImportRoutes(database: Database, adminToken: string | null, geodataDirectory?: string) {
  const requireEditor = createMiddleware(async (context, next) => {
    const presented = context.req.header('authorization')?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
    if (presented) {
      // A script with the server's token.
      if (!adminToken) {
        throw new RequestError(403, 'ImportDisabled',
          'Import over the API is disabled on this server for bearer tokens: set LIFECIRCLE_ADMIN_TOKEN to enable it, sign in as an admin, or use `npm run import` on the server',
          '此服务器未开启令牌方式的 API 导入：请设置 LIFECIRCLE_ADMIN_TOKEN、以管理员身份登录，或在服务器上使用 npm run import');
      }
      if (!sameSecret(presented, adminToken)) throw unauthorised('The admin token is wrong', '管理员令牌不正确');
      context.set('importer', null);
      return next();
    }
    // A person: an editor's (or admin's) session cookie with its X-CSRF-Token (401/403 otherwise).
    if (await findSignedIn(database, context)) {
      context.set('importer', (await requireRole(database, context, 'editor')).username);
      return next();
    }
    throw unauthorised(
      'Importing data needs an editor: sign in as an editor or admin (session cookie and X-CSRF-Token), or send the admin token as Authorization: Bearer <token>',
      '导入数据需要编辑权限：请以编辑或管理员身份登录（会话 Cookie 与 X-CSRF-Token），或发送管理员令牌 Authorization: Bearer <令牌>');
  });
  const limitFileSize = limitBody(importLimits.fileBytes, `The file is larger than ${megabytes} MB; split it into smaller files`, `文件超过 ${megabytes} MB，请拆分后导入`);

  const router = createRouter();
  router.openAPIRegistry.registerComponent('securitySchemes', 'adminToken', {
    type: 'http', scheme: 'bearer', description: 'The token set in LIFECIRCLE_ADMIN_TOKEN on the server',
  });
  const fileContent = {
    'application/geo+json': { schema: fileBody },
    'text/csv': { schema: fileBody },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: fileBody },
    'application/zip': { schema: fileBody },
    'application/geopackage+sqlite3': { schema: fileBody },
    'application/vnd.google-earth.kml+xml': { schema: fileBody },
    'application/vnd.google-earth.kmz': { schema: fileBody },
    'application/vnd.openstreetmap.data+xml': { schema: fileBody },
    'application/octet-stream': { schema: fileBody },
  };
  const request = {
    params: ImportParameters,
    query: ImportQuery,
    body: { required: true, description: 'The file, as it is on disk', content: fileContent },
  };
  const formats = [
    'Formats: Excel .xlsx (`sheet`), CSV in UTF-8 or GBK, a zipped Shapefile with its .prj and a GBK or UTF-8 .dbf (.cpg honoured; `layer`),',
    'GeoPackage (`layer`), KML/KMZ, GeoJSON, OpenStreetMap XML; by `format`, else the extension of `fileName`, else Content-Type, else the first bytes.',
    'Coordinates in the file\'s own system (.prj, GeoPackage srs) or `crs` (wgs84, gcj02, bd09, cgcs2000, epsg:4549…) are converted to WGS 84.',
    'Rows without coordinates are placed by their address (`source: address-located`, `match_quality`). A file that lands outside the area the dashboard covers',
    'is refused, with the likely cause (GCJ-02 read as WGS 84, axes swapped, metres without a .prj).',
  ].join(' ');
  /** The import request of an HTTP request: the raw body is the file, the query its options. */
  const readRequest = async (
    collectionId: string, query: z.output<typeof ImportQuery>, contentType: string | undefined, readBody: () => Promise<ArrayBuffer>, importer: string | null,
  ): Promise<ImportRequest> => {
    const bytes = new Uint8Array(await readBody());
    return {
      collectionId,
      bytes,
      fileName: query.fileName ?? 'upload',
      contentType,
      format: query.format,
      crs: query.crs,
      layer: query.layer ?? query.sheet,
      columns: query.columns,
      replace: query.replace,
      keepGoodRows: query.keepGoodRows,
      title: query.title,
      importedBy: importer === null ? 'token' : 'session',
      importedByUser: importer,
      geodataDirectory,
    };
  };
  const forbidden = errorAnswer('Signed in without the editor role or without a valid X-CSRF-Token, or bearer tokens are disabled on this server');
  const unauthorisedAnswer = errorAnswer('Neither an editor\'s session nor the admin token, or the wrong token');

  return router
    .openapi(
      createRoute({
        method: 'post',
        path: '/{collectionId}/import',
        summary: 'Import an office\'s file into a collection (editors; scripts with the admin token)',
        description: [
          'The file is the raw request body.', formats, 'Every row is checked;',
          'a file with bad rows loads nothing (422, with every bad row, its line and its reasons in English and Chinese) unless `keepGoodRows=true`.',
          'Importing the same file again changes nothing. `replace=true` replaces all features of the collection.',
          'A new lower_snake_case collection id creates the collection.',
          `With \`dryRun=true\` nothing is written and the answer is the preview (as POST …/import/preview).`,
          `At most ${megabytes} MB, ${importLimits.features} features, ${importLimits.verticesPerFeature} vertices per feature.`,
        ].join(' '),
        security: [{ adminToken: [] }],
        middleware: [requireEditor, limitFileSize] as const,
        request,
        responses: {
          200: {
            description: 'Loaded (or nothing to change); with keepGoodRows, the rows left out. With dryRun, the preview',
            content: { 'application/json': { schema: ImportReport.or(ImportPreview) } },
          },
          400: errorAnswer('The file cannot be read as the format, or a parameter is wrong'),
          401: unauthorisedAnswer,
          403: forbidden,
          413: errorAnswer(`The file is larger than ${megabytes} MB or has too many features or vertices`),
          422: errorAnswer('Bad rows, or the file lands outside the area: nothing was loaded; `report` lists every bad row and the cause'),
        },
      }),
      async (context) => {
        const query = context.req.valid('query');
        const importRequest = await readRequest(context.req.valid('param').collectionId, query, context.req.header('content-type'), () => context.req.arrayBuffer(), context.get('importer'));
        if (query.dryRun) return context.json(await previewImport(database, importRequest), 200);
        const report = await importFile(database, importRequest);
        if (!report.loaded) throw new RequestError(422, 'BadRows', report.message, report.messageZh, { report });
        return context.json(report, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{collectionId}/import/preview',
        summary: 'Preview the import of a file: the whole check, nothing written (editors)',
        description: [
          'Reads and checks the file exactly as the import would (same parameters), and answers the report with the rows as GeoJSON features in WGS 84',
          `(the first ${previewFeatureLimit}), each with where it is in the file, its problems in English and Chinese and, for a row placed by its address, the match quality.`,
          'A file with bad rows, or one that lands outside the area, still answers 200: the preview is there to show them. Nothing is written.', formats,
        ].join(' '),
        security: [{ adminToken: [] }],
        middleware: [requireEditor, limitFileSize] as const,
        request,
        responses: {
          200: { description: 'What the import would do, and every row', content: { 'application/json': { schema: ImportPreview } } },
          400: errorAnswer('The file cannot be read as the format, or a parameter is wrong'),
          401: unauthorisedAnswer,
          403: forbidden,
          413: errorAnswer(`The file is larger than ${megabytes} MB or has too many features or vertices`),
        },
      }),
      async (context) => {
        const request = await readRequest(context.req.valid('param').collectionId, context.req.valid('query'), context.req.header('content-type'), () => context.req.arrayBuffer(), context.get('importer'));
        return context.json(await previewImport(database, request), 200);
      },
    );
}

function unauthorised(message: string, messageZh: string): RequestError {
  return new RequestError(401, 'Unauthorized', message, messageZh, {}, { 'WWW-Authenticate': 'Bearer realm="lifecircle import"' });
}

/** Compares two secrets in constant time (hashing first makes the lengths equal). */
function sameSecret(presented: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
