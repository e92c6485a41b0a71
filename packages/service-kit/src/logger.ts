import { execFileSync } from 'node:child_process';
import pino from 'pino';

export type Logger = pino.Logger;

let commit: string | null = null;
/** The running code's version: GIT_COMMIT when set (deployments), else the checkout's commit. */
export function codeVersion(): string {
  if (commit) return commit;
  commit = process.env.GIT_COMMIT ?? null;
  if (!commit) {
    try {
      commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim();
    } catch {
      commit = 'unknown';
    }
  }
  return commit;
}

/** pino options: one JSON line per entry, UTC ISO time, service and version on every line. */
export function loggerOptions(service: string, level = process.env.LOG_LEVEL ?? 'info'): pino.LoggerOptions {
  return {
    level,
    base: { service, version: codeVersion() },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.cardNumber'],
      censor: '[redacted]',
    },
  };
}

export function createLogger(service: string, level?: string): Logger {
  return pino(loggerOptions(service, level));
}
