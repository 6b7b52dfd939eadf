import { buildClientIfStale } from '../build/build-client.ts';

/** `npm start`'s first step (prestart): builds the client only when its sources changed. */
const startedAt = performance.now();
const outcome = buildClientIfStale();
const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
console.log(outcome === 'built' ? `client built in ${seconds} s (dist/client)` : 'client build is current: not rebuilt (dist/client)');
