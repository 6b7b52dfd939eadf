/**
 * Concurrent writers against a running server (projects created and edited, estates' renovation
 * records edited), recording every answer and every write the server acknowledged, so that a
 * test can break the database underneath and then prove nothing acknowledged was lost.
 */

export interface WriteAnswer {
  writer: number;
  operation: 'create' | 'update' | 'renovation';
  target: string;
  /** The HTTP status, or null when no answer came (connection refused or reset). */
  status: number | null;
  retryAfter: string | null;
  body: unknown;
  networkError?: string;
  /** The phase the test was in when the answer came (see `setPhase`). */
  phase: string;
}

export interface AcknowledgedProjectWrite {
  code: string;
  version: number;
  description: string;
  progressPercent: number;
}

export interface AcknowledgedRenovationWrite {
  estateKey: string;
  version: number;
  note: string;
}

export interface WriteBurst {
  answers: WriteAnswer[];
  acknowledgedProjects: AcknowledgedProjectWrite[];
  acknowledgedRenovation: AcknowledgedRenovationWrite[];
  /** Every project code a create was sent for, answered or not. */
  attemptedCodes: Set<string>;
  /** Labels the answers from now on (e.g. "database stopped"). */
  setPhase: (phase: string) => void;
  /** Counts the answers of a phase that satisfy `test`. */
  count: (phase: string, test: (answer: WriteAnswer) => boolean) => number;
  /** Lets every writer finish its request in flight, then resolves. */
  stop: () => Promise<void>;
}

export interface WriteBurstOptions {
  url: string;
  /** Cookie and CSRF headers of a signed-in editor. */
  headers: Record<string, string>;
  /** One estate per writer: its renovation record is edited by that writer only. */
  estateKeys: string[];
  /** Prefix of the codes of the projects created, unique per test. */
  codePrefix: string;
}

const square = (index: number) => {
  // Small squares spread over 潍坊四村's part of the subdistrict, each writer's in its own row.
  const west = 121.5185 + (index % 10) * 0.0003;
  const south = 31.2190 + Math.floor(index / 10) * 0.0003;
  const size = 0.0002;
  return { type: 'Polygon', coordinates: [[[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]] };
};

const projectProperties = (code: string, description: string) => ({
  code,
  title_zh: `故障测试项目 ${code}`,
  action: 'built_form',
  item: 6,
  lead_unit: '城建中心（房管办）',
  partner_units: [],
  status: 'planned',
  start_date: '2025-03-01',
  end_date: '2025-10-31',
  progress_percent: 0,
  description,
  linked_features: [],
});

/** A client told to come back later does not hammer the server meanwhile. */
const pause = () => new Promise((resolveWait) => setTimeout(resolveWait, 100));

export function startWriteBurst({ url, headers, estateKeys, codePrefix }: WriteBurstOptions): WriteBurst {
  let phase = 'start';
  let stopping = false;
  const answers: WriteAnswer[] = [];
  const acknowledgedProjects: AcknowledgedProjectWrite[] = [];
  const acknowledgedRenovation: AcknowledgedRenovationWrite[] = [];
  const attemptedCodes = new Set<string>();

  async function send(writer: number, operation: WriteAnswer['operation'], target: string, method: string, path: string, body: unknown, extraHeaders: Record<string, string> = {}) {
    try {
      const response = await fetch(`${url}${path}`, {
        method,
        body: JSON.stringify(body),
        headers: { 'content-type': operation === 'renovation' ? 'application/merge-patch+json' : 'application/json', ...headers, ...extraHeaders },
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: kept as text for the failure message
      }
      const answer: WriteAnswer = { writer, operation, target, status: response.status, retryAfter: response.headers.get('retry-after'), body: parsed, phase };
      answers.push(answer);
      return { answer, etag: response.headers.get('etag') };
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const answer: WriteAnswer = { writer, operation, target, status: null, retryAfter: null, body: null, networkError: cause?.code ?? cause?.message ?? (error as Error).message, phase };
      answers.push(answer);
      return { answer, etag: null };
    }
  }

  async function readEtag(path: string): Promise<string | null> {
    try {
      const response = await fetch(`${url}${path}`);
      await response.arrayBuffer();
      return response.status === 200 ? response.headers.get('etag') : null;
    } catch {
      return null;
    }
  }

  async function runWriter(writer: number) {
    const estateKey = estateKeys[writer];
    let project: { code: string; etag: string | null } | null = null;
    let renovationEtag: string | null = null;
    let created = 0;
    for (let step = 0; !stopping; step++) {
      const operation = step % 3 === 0 || !project ? 'create' : step % 3 === 1 ? 'update' : 'renovation';
      let ok = false;
      if (operation === 'create') {
        const code = `${codePrefix}${writer}-${++created}`;
        const description = `writer ${writer}, create ${created}`;
        attemptedCodes.add(code);
        const { answer, etag } = await send(writer, 'create', code, 'POST', '/api/collections/projects/items', { type: 'Feature', geometry: square(writer * 10 + (created % 10)), properties: projectProperties(code, description) });
        ok = answer.status === 201;
        if (ok) {
          project = { code, etag };
          acknowledgedProjects.push({ code, version: 1, description, progressPercent: 0 });
        }
      } else if (operation === 'update') {
        const code = project!.code;
        const path = `/api/collections/projects/items/${code}`;
        project!.etag ??= await readEtag(path);
        // The version could not be read (the database is away): no edit without knowing it.
        if (!project!.etag) {
          await pause();
          continue;
        }
        const description = `writer ${writer}, edit ${step}`;
        const progressPercent = step % 100;
        const { answer, etag } = await send(writer, 'update', code, 'PATCH', path, { properties: { description, progress_percent: progressPercent } }, { 'if-match': project!.etag });
        ok = answer.status === 200;
        // After anything but a success, the version is not known (a commit whose answer was lost): read it again.
        project!.etag = ok ? etag : null;
        if (ok) acknowledgedProjects.push({ code, version: Number(/-v(\d+)"$/.exec(etag ?? '')?.[1]), description, progressPercent });
      } else {
        const path = `/api/renovation/${estateKey}`;
        renovationEtag ??= await readEtag(path);
        if (!renovationEtag) {
          await pause();
          continue;
        }
        const note = `writer ${writer}, renovation edit ${step}`;
        const { answer, etag } = await send(writer, 'renovation', estateKey, 'PATCH', path, { note }, { 'if-match': renovationEtag });
        ok = answer.status === 200;
        renovationEtag = ok ? etag : null;
        if (ok) acknowledgedRenovation.push({ estateKey, version: (answer.body as { version: number }).version, note });
      }
      if (!ok) await pause();
    }
  }

  const writers = estateKeys.map((_, writer) => runWriter(writer));
  return {
    answers,
    acknowledgedProjects,
    acknowledgedRenovation,
    attemptedCodes,
    setPhase: (next) => {
      phase = next;
    },
    count: (wanted, test) => answers.filter((answer) => answer.phase === wanted && test(answer)).length,
    stop: async () => {
      stopping = true;
      await Promise.all(writers);
    },
  };
}

/** Polls `condition` until it holds: tests wait on state, never on a fixed time. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, pollMilliseconds = 100): Promise<void> {
  while (!(await condition())) await new Promise((resolveWait) => setTimeout(resolveWait, pollMilliseconds));
}
