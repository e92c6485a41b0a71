import { mockContext } from '@simplebank/mocks/node';
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderFragment } from '../../../test/render.tsx';

describe('/admin/flags', () => {
  it('lists the known flags and turns one off', async () => {
    mockContext.db.state.flags = { 'orders.limitOrders': true };
    const { user } = renderFragment('/admin/flags', { user: 'admin' });
    const limit = await screen.findByRole('switch', { name: 'orders.limitOrders' });
    expect(limit).toBeChecked();
    expect(screen.getByRole('switch', { name: 'strategies.invest' })).not.toBeChecked();
    await user.click(limit);
    expect(await screen.findByRole('switch', { name: 'orders.limitOrders', checked: false })).toBeInTheDocument();
    expect(mockContext.db.state.flags['orders.limitOrders']).toBe(false);
    expect(screen.getByRole('switch', { name: 'strategies.invest' })).not.toBeChecked();
  });

  it("follows another admin's change live and ignores an older set", async () => {
    mockContext.db.state.flags = { 'strategies.invest': false };
    const { services } = renderFragment('/admin/flags', { user: 'admin' });
    await screen.findByRole('switch', { name: 'strategies.invest', checked: false });
    const version = mockContext.db.state.flagsVersion;
    act(() => services.realtime.publish('flags', { version: version + 2, flags: { 'strategies.invest': true } }));
    expect(await screen.findByRole('switch', { name: 'strategies.invest', checked: true })).toBeInTheDocument();
    act(() => services.realtime.publish('flags', { version: version + 1, flags: { 'strategies.invest': false } }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.getByRole('switch', { name: 'strategies.invest' })).toBeChecked();
  });

  it('tells a customer they are not allowed', () => {
    renderFragment('/admin/flags', { user: 'alice' });
    expect(screen.getByText('You are not allowed to see this page')).toBeInTheDocument();
  });
});
