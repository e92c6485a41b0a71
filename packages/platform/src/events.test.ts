import { describe, expect, it, vi } from 'vitest';
import { createEventChannel } from './events.ts';

describe('createEventChannel', () => {
  it('delivers a payload to the handlers of that type only', () => {
    const events = createEventChannel();
    const placed = vi.fn();
    const notified = vi.fn();
    events.on('order.placed', placed);
    events.on('notify', notified);
    events.emit('order.placed', { orderId: 'o1', accountId: 'a1' });
    expect(placed).toHaveBeenCalledWith({ orderId: 'o1', accountId: 'a1' });
    expect(notified).not.toHaveBeenCalled();
  });

  it('stops delivering after the returned unsubscribe', () => {
    const events = createEventChannel();
    const handler = vi.fn();
    const off = events.on('notify', handler);
    off();
    events.emit('notify', { message: 'hi', tone: 'info' });
    expect(handler).not.toHaveBeenCalled();
  });

  it('keeps delivering to other handlers when one throws', () => {
    const events = createEventChannel();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const after = vi.fn();
    events.on('notify', () => {
      throw new Error('broken fragment');
    });
    events.on('notify', after);
    events.emit('notify', { message: 'saved', tone: 'success' });
    expect(after).toHaveBeenCalledOnce();
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });
});
