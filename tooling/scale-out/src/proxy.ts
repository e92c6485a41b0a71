import http from 'node:http';
import net from 'node:net';

/**
 * A small round-robin reverse proxy for local scale-out (what a load balancer does in front of the
 * instances): HTTP requests and WebSocket upgrades go to the next backend in turn. A backend that
 * refuses the connection (stopped, killed) is skipped for a while and the request goes to the next
 * one; a request that reached a backend is never sent twice (the answer is 502 when it dies).
 */
export class RoundRobinProxy {
  private readonly backends: { url: URL; downUntil: number }[] = [];
  private next = 0;
  private readonly server: http.Server;

  constructor(
    readonly name: string,
    private readonly downForMs = 2000,
  ) {
    this.server = http.createServer((req, res) => void this.forward(req, res));
    this.server.on('upgrade', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) =>
      this.tunnel(req, socket, head),
    );
  }

  add(url: string): void {
    this.backends.push({ url: new URL(url), downUntil: 0 });
  }

  get urls(): string[] {
    return this.backends.map((b) => b.url.origin);
  }

  async listen(port: number, host = '127.0.0.1'): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    const address = this.server.address() as net.AddressInfo;
    return `http://${host}:${address.port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** The backends in the order to try them: from the next in turn, those not marked down first. */
  private order(): URL[] {
    const n = this.backends.length;
    const start = this.next++ % Math.max(1, n);
    const rotated = Array.from({ length: n }, (_, i) => this.backends[(start + i) % n]!);
    const now = Date.now();
    return [...rotated.filter((b) => b.downUntil <= now), ...rotated.filter((b) => b.downUntil > now)].map(
      (b) => b.url,
    );
  }

  private markDown(url: URL): void {
    const backend = this.backends.find((b) => b.url === url);
    if (backend) backend.downUntil = Date.now() + this.downForMs;
  }

  private async forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // Buffered, so a request refused by one backend can be offered to the next.
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    for (const backend of this.order()) {
      const outcome = await this.attempt(backend, req, body, res);
      if (outcome === 'done') return;
      this.markDown(backend);
    }
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`${this.name}: no instance answers`);
  }

  /** 'refused' when the backend never accepted the connection (safe to try another one). */
  private attempt(
    backend: URL,
    req: http.IncomingMessage,
    body: Buffer,
    res: http.ServerResponse,
  ): Promise<'done' | 'refused'> {
    return new Promise((resolve) => {
      const upstream = http.request(
        {
          host: backend.hostname,
          port: backend.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: req.headers.host ?? backend.host },
          agent: false,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
          answer.pipe(res);
          answer.once('end', () => resolve('done'));
          answer.once('error', () => {
            res.destroy();
            resolve('done');
          });
        },
      );
      upstream.once('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'ECONNREFUSED') return resolve('refused');
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`${this.name}: the instance failed (${err.code ?? err.message})`);
        resolve('done');
      });
      upstream.end(body);
    });
  }

  private tunnel(req: http.IncomingMessage, client: net.Socket, head: Buffer): void {
    const candidates = this.order();
    const tryNext = (): void => {
      const backend = candidates.shift();
      if (!backend) {
        client.destroy();
        return;
      }
      const upstream = net.connect(Number(backend.port), backend.hostname);
      upstream.once('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'ECONNREFUSED') {
          this.markDown(backend);
          tryNext();
        } else client.destroy();
      });
      upstream.once('connect', () => {
        upstream.removeAllListeners('error');
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        const lines = [`${req.method} ${req.url} HTTP/1.1`];
        for (let i = 0; i < req.rawHeaders.length; i += 2)
          lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
        upstream.write(lines.join('\r\n') + '\r\n\r\n');
        if (head.length > 0) upstream.write(head);
        upstream.pipe(client).pipe(upstream);
        upstream.once('close', () => client.destroy());
        client.once('close', () => upstream.destroy());
      });
    };
    tryNext();
  }
}
