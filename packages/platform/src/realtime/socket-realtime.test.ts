import type { Socket } from 'socket.io-client';
import { describe, expect, it, vi } from 'vitest';
import { createSocketRealtime, type SocketRealtimeOptions } from './socket-realtime.ts';

type Listener = (...args: unknown[]) => void;

/** Just enough of a socket.io client socket to drive the realtime client without a server. */
class FakeSocket {
  connected = false;
  emitted: unknown[][] = [];
  closed = false;
  private listeners = new Map<string, Listener[]>();
  private managerListeners = new Map<string, Listener[]>();
  private anyListeners: Listener[] = [];
  io = { on: (event: string, cb: Listener) => this.add(this.managerListeners, event, cb) };

  on(event: string, cb: Listener) {
    this.add(this.listeners, event, cb);
    return this;
  }
  onAny(cb: Listener) {
    this.anyListeners.push(cb);
    return this;
  }
  offAny() {
    this.anyListeners = [];
    return this;
  }
  emit(...args: unknown[]) {
    this.emitted.push(args);
    return this;
  }
  close() {
    this.closed = true;
    return this;
  }
  // Server side of the fake:
  fire(event: string, ...args: unknown[]) {
    for (const cb of this.listeners.get(event) ?? []) cb(...args);
  }
  fireManager(event: string) {
    for (const cb of this.managerListeners.get(event) ?? []) cb();
  }
  serverSends(topic: string, message: unknown) {
    for (const cb of this.anyListeners) cb(topic, message);
  }
  private add(map: Map<string, Listener[]>, event: string, cb: Listener) {
    map.set(event, [...(map.get(event) ?? []), cb]);
  }
}

function setup() {
  const socket = new FakeSocket();
  const connect = vi.fn(() => socket as unknown as Socket) as unknown as NonNullable<
    SocketRealtimeOptions['connect']
  >;
  const realtime = createSocketRealtime({ connect });
  return { socket, realtime, connect };
}

describe('createSocketRealtime', () => {
  it('connects to /realtime with credentials', () => {
    const { connect } = setup();
    expect(connect).toHaveBeenCalledWith(
      undefined,
      expect.objectContaining({ path: '/realtime', withCredentials: true }),
    );
  });

  it('goes connecting → connected → disconnected → connecting', () => {
    const { socket, realtime } = setup();
    const states: string[] = [];
    realtime.onState((s) => states.push(s));
    expect(realtime.state()).toBe('connecting');
    socket.connected = true;
    socket.fire('connect');
    socket.connected = false;
    socket.fire('disconnect', 'transport close');
    socket.fireManager('reconnect_attempt');
    expect(states).toEqual(['connected', 'disconnected', 'connecting']);
  });

  it('asks the server for a topic when connected, and again after a reconnect', () => {
    const { socket, realtime } = setup();
    realtime.subscribe('orders', () => {});
    expect(socket.emitted).toEqual([]); // not connected yet: sent on connect
    socket.connected = true;
    socket.fire('connect');
    expect(socket.emitted).toEqual([['subscribe', 'orders']]);
    socket.fire('disconnect');
    socket.fire('connect');
    expect(socket.emitted).toEqual([
      ['subscribe', 'orders'],
      ['subscribe', 'orders'],
    ]);
  });

  it('subscribes once per topic and unsubscribes when the last handler leaves', () => {
    const { socket, realtime } = setup();
    socket.connected = true;
    socket.fire('connect');
    const offA = realtime.subscribe('prices', () => {});
    const offB = realtime.subscribe('prices', () => {});
    offA();
    offB();
    expect(socket.emitted).toEqual([
      ['subscribe', 'prices'],
      ['unsubscribe', 'prices'],
    ]);
  });

  it('routes server events to the handlers of that topic', () => {
    const { socket, realtime } = setup();
    const orders = vi.fn();
    realtime.subscribe('orders', orders);
    socket.serverSends('orders', { id: 'o1', version: 3 });
    socket.serverSends('prices', { assetId: 'ABC', version: 9 });
    expect(orders).toHaveBeenCalledExactlyOnceWith({ id: 'o1', version: 3 });
  });

  it('closes the socket and stops delivering on close', () => {
    const { socket, realtime } = setup();
    const orders = vi.fn();
    realtime.subscribe('orders', orders);
    realtime.close();
    socket.serverSends('orders', {});
    expect(socket.closed).toBe(true);
    expect(orders).not.toHaveBeenCalled();
    expect(realtime.state()).toBe('disconnected');
  });
});
