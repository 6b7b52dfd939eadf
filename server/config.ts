import { resolve } from 'node:path';

/** Settings read from the environment, with the defaults a fresh clone runs on. */
export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDirectory: string;
  geodataDirectory: string;
  clientDirectory: string;
  basemapStyleUrl: string | null;
  /** Bearer token that lets a caller import data over the API; null switches that route off. */
  adminToken: string | null;
}

const projectRoot = resolve(import.meta.dirname, '..');

export function readConfig(environment: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(environment.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${environment.PORT}"`);
  return {
    port,
    host: environment.HOST || '127.0.0.1',
    databaseUrl: environment.DATABASE_URL || undefined,
    dataDirectory: resolve(projectRoot, environment.DATA_DIR || '.data'),
    geodataDirectory: resolve(projectRoot, environment.GEODATA_DIR || 'geodata'),
    clientDirectory: resolve(projectRoot, environment.CLIENT_DIR || 'dist/client'),
    basemapStyleUrl: environment.BASEMAP_STYLE_URL || null,
    adminToken: environment.LIFECIRCLE_ADMIN_TOKEN?.trim() || null,
  };
}
