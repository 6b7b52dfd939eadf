import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from './server-process.ts';

/**
 * An embedded database made and seeded once per test run, by a server started on it and stopped:
 * a server started on a copy of it only opens it, in a quarter of the time of a first start
 * (which creates PostGIS and seeds every collection). It holds no person: each copy's first
 * admin comes from its server's LIFECIRCLE_ADMIN_USER, as on a fresh database.
 * `test/api/npm-start.test.ts` still starts from nothing, as a new user does.
 */
export async function createEmbeddedTemplate(): Promise<string> {
  const directory = mkdtempSync(join(tmpdir(), 'lifecircle-template-'));
  const server = await startServerProcess({
    DATABASE_URL: '', DATA_DIR: directory, CLIENT_DIR: '/nonexistent', LIFECIRCLE_ADMIN_USER: '', LIFECIRCLE_ADMIN_PASSWORD: '',
  });
  // The server closes the database on SIGTERM, which writes it out whole before it exits.
  await server.stop();
  return directory;
}

/** A new data directory holding a copy of the template, for one server of its own. */
export function copyEmbeddedTemplate(template: string, name: string): string {
  const directory = mkdtempSync(join(tmpdir(), `lifecircle-${name}-`));
  cpSync(template, directory, { recursive: true });
  return directory;
}
