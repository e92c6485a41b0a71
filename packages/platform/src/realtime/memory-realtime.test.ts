import { describe, expect, it, vi } from 'vitest';
import { createMemoryRealtime } from './memory-realtime.ts';

describe('createMemoryRealtime', () => {
  it('delivers published messages to the topic subscribers', () => {
    const realtime = createMemoryRealtime();
    const orders = vi.fn();
    const prices = vi.fn();
    realtime.subscribe('orders', orders);
    realtime.subscribe('prices', prices);
    realtime.publish('orders', { id: 'o1', version: 2 });
    expect(orders).toHaveBeenCalledWith({ id: 'o1', version: 2 });
    expect(prices).not.toHaveBeenCalled();
  });

  it('forgets a topic once its last subscriber leaves', () => {
    const realtime = createMemoryRealtime();
    const offA = realtime.subscribe('orders', () => {});
    const offB = realtime.subscribe('orders', () => {});
    offA();
    expect(realtime.topics()).toEqual(['orders']);
    offB();
    offB(); // calling twice must not throw or affect others
    expect(realtime.topics()).toEqual([]);
  });

  it('keeps two subscriptions of the same function independent', () => {
    const realtime = createMemoryRealtime();
    const handler = vi.fn();
    const off = realtime.subscribe('orders', handler);
    realtime.subscribe('orders', handler);
    off();
    realtime.publish('orders', 1);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('reports state changes and ends disconnected when closed', () => {
    const realtime = createMemoryRealtime();
    const states: string[] = [];
    realtime.onState((s) => states.push(s));
    expect(realtime.state()).toBe('connected');
    realtime.setState('connecting');
    realtime.close();
    expect(states).toEqual(['connecting', 'disconnected']);
    const late = vi.fn();
    realtime.subscribe('orders', late);
    realtime.publish('orders', 1);
    expect(late).not.toHaveBeenCalled();
  });
});
