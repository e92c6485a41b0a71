import { createConnection } from 'node:net';

/** Whether something accepts TCP connections at host:port within the timeout. */
export function probeTcp(host: string, port: number, timeoutMs = 800): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Decides whether a suite that needs a server runs. When the server does not answer, the suite
 * is skipped with a printed reason, unless SIMPLEBANK_REQUIRE_SERVERS=1, where it is an error.
 */
export async function serverSuite(
  name: string,
  host: string,
  port: number,
): Promise<{ run: boolean; reason: string | null }> {
  if (await probeTcp(host, port)) return { run: true, reason: null };
  const reason = `${name} does not answer at ${host}:${port}`;
  if (process.env.SIMPLEBANK_REQUIRE_SERVERS === '1') {
    throw new Error(`${reason}, and SIMPLEBANK_REQUIRE_SERVERS=1 requires it`);
  }
  console.warn(`[skipped] suites that need ${name}: ${reason}`);
  return { run: false, reason };
}
