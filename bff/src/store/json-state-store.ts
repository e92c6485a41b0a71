import { mkdir, readFile, rename, writeFile, open, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import lockfile from 'proper-lockfile';

/**
 * One JSON document on disk, changed only under a lock (in-process queue + a lock file, so two
 * requests or two BFF processes sharing the folder never lose an update) and written atomically
 * (temp file, fsync, rename) so readers never see half a document.
 */
export class JsonStateStore<T> {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly initial: () => T,
  ) {}

  async read(): Promise<T> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as T;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return this.initial();
      throw err;
    }
  }

  private seen = '';

  /**
   * The state when the file changed since this instance last looked (another BFF instance sharing
   * the folder wrote it), else null. Costs one stat; writes replace the file, so its inode changes.
   */
  async readIfChanged(): Promise<T | null> {
    const info = await stat(this.file).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    const signature = info ? `${info.ino}:${info.mtimeMs}:${info.size}` : 'absent';
    if (signature === this.seen) return null;
    this.seen = signature;
    return this.read();
  }

  /** Runs `change` on the latest state under the lock; writes its `state` when it returns one. */
  update<R>(
    change: (current: T) => Promise<{ state?: T; result: R }> | { state?: T; result: R },
  ): Promise<R> {
    const run = async (): Promise<R> => {
      await mkdir(path.dirname(this.file), { recursive: true });
      const release = await lockfile.lock(this.file, {
        realpath: false, // the state file may not exist yet
        retries: { retries: 50, minTimeout: 20, maxTimeout: 200, factor: 1.5 },
        stale: 10_000,
      });
      try {
        const { state, result } = await change(await this.read());
        if (state !== undefined) await this.write(state);
        return result;
      } finally {
        await release();
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async write(state: T): Promise<void> {
    const tmp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const handle = await open(tmp, 'w', 0o644);
    try {
      await handle.writeFile(JSON.stringify(state, null, 2) + '\n');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, this.file);
  }
}

/** Writes a file atomically (temp + rename) with the given mode. */
export async function writeFileAtomic(file: string, content: string, mode = 0o644): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, content, { mode });
  await rename(tmp, file);
}
