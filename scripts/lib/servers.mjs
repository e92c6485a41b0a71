// Which of the scale-out servers answer on this machine. Suites that need one skip themselves when it
// does not answer, unless SIMPLEBANK_REQUIRE_SERVERS=1 asks for a failure instead.
import net from 'node:net';

export const SCALE_OUT_SERVERS = [
  { name: 'PostgreSQL', host: '127.0.0.1', port: 5432, env: 'DATABASE_URL' },
  { name: 'Redis', host: '127.0.0.1', port: 6379, env: 'REDIS_URL' },
  { name: 'NATS', host: '127.0.0.1', port: 4222, env: 'NATS_URL' },
];

export function answers(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function probeServers() {
  return Promise.all(SCALE_OUT_SERVERS.map(async (s) => ({ ...s, up: await answers(s.host, s.port) })));
}
