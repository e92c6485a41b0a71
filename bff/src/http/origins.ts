import type { IncomingMessage } from 'node:http';

/** The origin a browser on the BFF's own pages sends: the scheme and host this request came in by. */
export function ownOrigin(protocol: string, host: string | undefined): string {
  return `${protocol}://${host ?? ''}`;
}

/** The BFF's own origin for a raw Node request (the socket.io handshake never reaches Fastify). */
export function ownOriginOf(request: IncomingMessage): string {
  const encrypted = (request.socket as { encrypted?: boolean }).encrypted === true;
  return ownOrigin(encrypted ? 'https' : 'http', request.headers.host);
}

/**
 * Whether a browser-sent `Origin` may act with the user's cookie: our own origin or one of the
 * configured ones (`ALLOWED_ORIGINS`, the dev servers outside production). No `Origin` at all means
 * no browser sent it (a browser always sends one on WebSocket handshakes and state-changing fetches),
 * so there is no ambient cookie to misuse.
 */
export function originAllowed(
  origin: string | undefined,
  own: string,
  allowed: ReadonlySet<string>,
): boolean {
  return origin === undefined || origin === own || allowed.has(origin);
}
