import { holdAnswer, http, mockContext, server } from '@simplebank/mocks/node';
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderFragment } from '../../../test/render.tsx';

describe('/admin/flags', () => {
  it('lists the known flags and turns one off', async () => {
    mockContext.db.state.flags = { 'orders.limitOrders': true };
    const { user } = renderFragment('/admin/flags', { user: 'admin' });
    const limit = await screen.findByRole('switch', { name: 'orders.limitOrders' });
    expect(limit).toBeChecked();
    expect(screen.getByRole('switch', { name: 'strategies.invest' })).not.toBeChecked();
    await user.click(limit);
    const question = screen.getByRole('alertdialog', { name: 'Turn off orders.limitOrders?' });
    expect(question).toHaveAccessibleDescription(
      'It controls: Customers can place limit orders. Its audience loses the feature at once, and the BFF refuses the commands it guards; open pages follow without a reload.',
    );
    expect(mockContext.db.state.flags['orders.limitOrders']).toBe(true);
    await user.click(within(question).getByRole('button', { name: 'Turn off' }));
    expect(
      await screen.findByRole('switch', { name: 'orders.limitOrders', checked: false }),
    ).toBeInTheDocument();
    expect(mockContext.db.state.flags['orders.limitOrders']).toBe(false);
    expect(screen.getByRole('switch', { name: 'strategies.invest' })).not.toBeChecked();
    // Undo puts it back as it was.
    expect(await screen.findByText('orders.limitOrders is off.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(
      await screen.findByRole('switch', { name: 'orders.limitOrders', checked: true }),
    ).toBeInTheDocument();
    expect(mockContext.db.state.flags['orders.limitOrders']).toBe(true);
  });

  it('leaves a flag as it is when the admin cancels the switch', async () => {
    mockContext.db.state.flags = { 'strategies.invest': false };
    const { user } = renderFragment('/admin/flags', { user: 'admin' });
    await user.click(await screen.findByRole('switch', { name: 'strategies.invest' }));
    expect(screen.getByRole('alertdialog', { name: 'Turn on strategies.invest?' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByRole('switch', { name: 'strategies.invest' })).not.toBeChecked();
    expect(mockContext.db.state.flags['strategies.invest']).toBe(false);
  });

  it("follows another admin's change live and ignores an older push", async () => {
    mockContext.db.state.flags = { 'strategies.invest': false };
    const { services } = renderFragment('/admin/flags', { user: 'admin' });
    await screen.findByRole('switch', { name: 'strategies.invest', checked: false });
    // Another admin's change: the BFF's state moves on, then each user gets a push.
    const state = mockContext.db.state;
    state.flags = { 'strategies.invest': true };
    state.flagsVersion += 1;
    act(() =>
      services.realtime.publish('flags', {
        version: state.flagsVersion,
        flags: { 'strategies.invest': true },
      }),
    );
    expect(
      await screen.findByRole('switch', { name: 'strategies.invest', checked: true }),
    ).toBeInTheDocument();
    // A late push of an older set does not take the screen back.
    state.flags = { 'strategies.invest': false };
    act(() => services.realtime.publish('flags', { version: state.flagsVersion - 1, flags: {} }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.getByRole('switch', { name: 'strategies.invest' })).toBeChecked();
  });

  it("shows another admin's change pushed while the page was first reading the flags", async () => {
    const state = mockContext.db.state;
    state.flags = { 'strategies.invest': false };
    const before = { ...state.flags };
    const beforeVersion = state.flagsVersion;
    const { answered, answer } = holdAnswer();
    let reads = 0;
    server.use(
      http.get('/api/admin/flags', async ({ response }) => {
        reads += 1;
        if (reads > 1)
          return response(200).json({ flags: state.flags, version: state.flagsVersion, targeting: {} });
        await answered; // taken before the other admin's change
        return response(200).json({ flags: before, version: beforeVersion, targeting: {} });
      }),
    );
    const { services } = renderFragment('/admin/flags', { user: 'admin' });
    await waitFor(() => expect(reads).toBe(1));
    state.flags = { 'strategies.invest': true };
    state.flagsVersion += 1;
    act(() => services.realtime.publish('flags', { version: state.flagsVersion, flags: state.flags }));
    answer();

    expect(
      await screen.findByRole('switch', { name: 'strategies.invest', checked: true }),
    ).toBeInTheDocument();
  });

  it('targets a flag at one role after a confirmation saying who loses it', async () => {
    mockContext.db.state.flags = { 'orders.limitOrders': true };
    const { user } = renderFragment('/admin/flags', { user: 'admin' });
    const audience = await screen.findByRole('combobox', { name: 'Audience of orders.limitOrders' });
    expect(audience).toHaveValue('everyone');
    await user.selectOptions(audience, 'Admins only');
    const question = screen.getByRole('alertdialog', { name: 'Change who gets orders.limitOrders?' });
    expect(question).toHaveAccessibleDescription(
      'From Everyone to Admins only. Customers lose the feature at once, and the BFF refuses them the commands it guards; open pages follow without a reload.',
    );
    expect(mockContext.db.state.flagTargeting).toEqual({});
    await user.click(within(question).getByRole('button', { name: 'Change audience' }));
    await vi.waitFor(() =>
      expect(mockContext.db.state.flagTargeting).toEqual({ 'orders.limitOrders': ['admin'] }),
    );
    await vi.waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Audience of orders.limitOrders' })).toHaveValue('admin'),
    );
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Audience of orders.limitOrders' }),
      'Everyone',
    );
    expect(
      screen.getByRole('alertdialog', { name: 'Change who gets orders.limitOrders?' }),
    ).toHaveAccessibleDescription(
      'From Admins only to Everyone. Customers get the feature at once; open pages follow without a reload.',
    );
    await user.click(screen.getByRole('button', { name: 'Change audience' }));
    await vi.waitFor(() => expect(mockContext.db.state.flagTargeting).toEqual({}));
  });

  it('leaves the audience as it was when the admin cancels, the dropdown back on its value', async () => {
    mockContext.db.state.flags = { 'strategies.invest': false };
    mockContext.db.state.flagTargeting = { 'strategies.invest': ['customer'] };
    const { user } = renderFragment('/admin/flags', { user: 'admin' });
    const audience = await screen.findByRole('combobox', { name: 'Audience of strategies.invest' });
    expect(audience).toHaveValue('customer');
    await user.selectOptions(audience, 'Everyone');
    const question = screen.getByRole('alertdialog', { name: 'Change who gets strategies.invest?' });
    expect(question).toHaveAccessibleDescription(
      'From Customers only to Everyone. strategies.invest is off, so nobody notices until it is turned on.',
    );
    await user.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Audience of strategies.invest' })).toHaveValue('customer');
    expect(mockContext.db.state.flagTargeting).toEqual({ 'strategies.invest': ['customer'] });
  });

  it('deletes a flag after a confirmation, and leaves it when the admin cancels', async () => {
    mockContext.db.state.flags = { 'orders.limitOrders': true, 'reports.export': true };
    mockContext.db.state.flagTargeting = { 'reports.export': ['admin'] };
    const { user } = renderFragment('/admin/flags', { user: 'admin' });
    // A known flag never set has nothing to delete.
    await screen.findByRole('switch', { name: 'reports.export' });
    expect(screen.queryByRole('button', { name: 'Delete strategies.invest' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Delete reports.export' }));
    const ask = screen.getByRole('group', { name: 'Confirm deletion of reports.export' });
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('group', { name: /Confirm deletion/ })).not.toBeInTheDocument();
    expect(mockContext.db.state.flags).toHaveProperty(['reports.export']);

    await user.click(screen.getByRole('button', { name: 'Delete reports.export' }));
    await user.click(
      within(screen.getByRole('group', { name: 'Confirm deletion of reports.export' })).getByRole('button', {
        name: 'Confirm delete',
      }),
    );
    expect(await screen.findByText('Flag reports.export deleted.')).toBeInTheDocument();
    await vi.waitFor(() =>
      expect(screen.queryByRole('switch', { name: 'reports.export' })).not.toBeInTheDocument(),
    );
    expect(mockContext.db.state.flags).toEqual({ 'orders.limitOrders': true });
    expect(mockContext.db.state.flagTargeting).toEqual({});
  });

  it('says so when a flag could not be deleted', async () => {
    mockContext.db.state.flags = { 'reports.export': true };
    const { user } = renderFragment('/admin/flags', { user: 'admin' });
    await user.click(await screen.findByRole('button', { name: 'Delete reports.export' }));
    // Another admin deleted it in the meantime: the BFF answers 404.
    delete mockContext.db.state.flags['reports.export'];
    await user.click(screen.getByRole('button', { name: 'Confirm delete' }));
    expect(await screen.findByText('The flag was not deleted.')).toBeInTheDocument();
  });

  it('tells a customer they are not allowed', () => {
    renderFragment('/admin/flags', { user: 'alice' });
    expect(screen.getByText('You are not allowed to see this page')).toBeInTheDocument();
  });
});
