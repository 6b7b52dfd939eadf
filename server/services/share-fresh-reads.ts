/**
 * One read shared by every caller that asks while it is not yet running: a caller that arrives
 * while a read is in flight waits for the next one, never for the one already running, because
 * that read may have started before the caller's own write was committed. So each caller gets a
 * value read after it asked (read-your-writes), and a burst of a thousand callers costs two reads.
 */
export function shareFreshReads<Value>(read: () => Promise<Value>): () => Promise<Value> {
  let running: Promise<Value> | null = null;
  let queued: Promise<Value> | null = null;

  function start(): Promise<Value> {
    const reading = read();
    running = reading;
    const finish = () => {
      if (running === reading) running = null;
    };
    reading.then(finish, finish);
    return reading;
  }

  return () => {
    if (!running) return start();
    if (!queued) {
      const ended = running.then(() => undefined, () => undefined);
      queued = ended.then(() => {
        queued = null;
        return start();
      });
    }
    return queued;
  };
}
