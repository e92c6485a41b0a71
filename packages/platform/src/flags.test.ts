import { describe, expect, it, vi } from 'vitest';
import { createStaticFlags } from './flags.ts';

describe('createStaticFlags', () => {
  it('answers the given values and false for unknown flags', () => {
    const flags = createStaticFlags({ newTicket: true, beta: false });
    expect(flags.get('newTicket')).toBe(true);
    expect(flags.get('beta')).toBe(false);
    expect(flags.get('never-defined')).toBe(false);
  });

  it('notifies subscribers on a change only, and stops after unsubscribe', () => {
    const flags = createStaticFlags({ beta: false });
    const cb = vi.fn();
    const off = flags.subscribe(cb);
    flags.set('beta', true);
    flags.set('beta', true);
    expect(cb).toHaveBeenCalledTimes(1);
    expect(flags.get('beta')).toBe(true);
    off();
    flags.set('beta', false);
    expect(cb).toHaveBeenCalledTimes(1);
  });
});
