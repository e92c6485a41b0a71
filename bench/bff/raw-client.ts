// A socket.io client of the least cost, for holding thousands of sockets in one process on the
// same 2 cores as the server: the Engine.IO v4 / socket.io v5 protocol spoken over one `ws`
// WebSocket (open, connect to `/`, answer pings, emit `subscribe`), each message read once. The
// socket.io client's own per-socket machinery (manager, timers, reconnection) would otherwise
// take the CPU and memory the server under test is measured by.
import WebSocket from 'ws';

export interface RawSocket {
  close(): void;
  readonly connected: boolean;
}

export function openRawSocket(
  url: string,
  headers: Record<string, string>,
  topic: string,
  onMessage: (event: string, data: unknown) => void,
): Promise<RawSocket> {
  const target = new URL('/realtime/?EIO=4&transport=websocket', url.replace(/^http/, 'ws'));
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(target, { headers, perMessageDeflate: false });
    let connected = false;
    const socket: RawSocket = {
      close: () => ws.close(),
      get connected() {
        return connected && ws.readyState === WebSocket.OPEN;
      },
    };
    ws.on('message', (raw) => {
      const text = raw.toString();
      const type = text[0];
      if (type === '0')
        ws.send('40'); // Engine.IO open → socket.io CONNECT to the main namespace
      else if (type === '2')
        ws.send('3'); // ping → pong
      else if (text.startsWith('40')) {
        connected = true;
        clearTimeout(timer);
        if (topic !== 'orders') ws.send(`42${JSON.stringify(['subscribe', topic])}`);
        resolve(socket);
      } else if (text.startsWith('44')) reject(new Error(`connect refused: ${text.slice(2)}`));
      else if (text.startsWith('42')) {
        const [event, data] = JSON.parse(text.slice(2)) as [string, unknown];
        onMessage(event, data);
      }
    });
    ws.once('error', reject);
    // A handshake the server dropped (or never answered) fails the ramp rather than hanging it.
    ws.once('close', () => reject(new Error('closed before connecting')));
    const timer = setTimeout(() => {
      reject(new Error('no connection within 30 s'));
      ws.terminate();
    }, 30_000);
    ws.once('close', () => clearTimeout(timer));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`handshake HTTP ${res.statusCode}`)));
  });
}
