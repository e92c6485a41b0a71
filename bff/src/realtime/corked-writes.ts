import type { Socket as TcpSocket } from 'node:net';
import type { Socket } from 'socket.io';

interface WebSocketTransport {
  name: string;
  send(packets: unknown[]): void;
  /** The `ws` WebSocket, and its TCP socket (engine.io and ws keep them there). */
  socket?: { _socket?: TcpSocket };
}

/**
 * engine.io hands a socket's queued messages to its transport as one batch, but the websocket
 * transport writes each as its own frame, and each frame is its own system call: `writev` was a
 * third of the BFF's CPU with 3,000 sockets taking 22 price ticks a second (bench/RESULTS.md).
 * Corking the TCP socket while a batch is handed over sends the batch in one call. Only the
 * websocket transport (the platform client's only one, packages/platform/src/realtime) is touched;
 * anything else is left as engine.io made it.
 */
export function corkBatches(socket: Socket): void {
  const cork = (transport: WebSocketTransport) => {
    const tcp = transport.socket?._socket;
    if (transport.name !== 'websocket' || !tcp || typeof tcp.cork !== 'function') return;
    const send = transport.send.bind(transport);
    transport.send = (packets) => {
      tcp.cork();
      try {
        send(packets);
      } finally {
        tcp.uncork();
      }
    };
  };
  cork(socket.conn.transport as unknown as WebSocketTransport);
  socket.conn.on('upgrade', (transport: unknown) => cork(transport as WebSocketTransport));
}
