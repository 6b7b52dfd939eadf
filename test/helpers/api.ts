import { inject } from 'vitest';
import type { ServerUnderTest } from './start-servers.ts';

/** The servers the api project started: run each API test once per database. */
export function serversUnderTest(): ServerUnderTest[] {
  return inject('servers');
}

export async function getJson(server: ServerUnderTest, path: string, init?: RequestInit) {
  const response = await fetch(`${server.url}${path}`, init);
  const text = await response.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body };
}
