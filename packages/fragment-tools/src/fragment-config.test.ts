import { describe, expect, it } from 'vitest';
import { parseFragmentConfig } from './fragment-config.ts';

const valid = {
  name: 'strategies',
  title: 'Strategies',
  routes: ['/strategies', '/admin/strategies'],
  nav: [
    { label: 'Strategies', path: '/strategies', requiredRole: 'customer' },
    { label: 'Manage strategies', path: '/admin/strategies', requiredRole: 'admin' },
  ],
  requiredRole: null,
};

describe('parseFragmentConfig', () => {
  it('accepts a valid config and keeps only the known fields', () => {
    expect(parseFragmentConfig({ ...valid, extra: 1 })).toEqual(valid);
  });

  it('lists every problem at once', () => {
    const bad = {
      name: 'Orders!',
      title: '',
      routes: ['trade'],
      nav: [{ label: '', path: 'x', requiredRole: 'root' }],
      requiredRole: 'boss',
    };
    expect(() => parseFragmentConfig(bad, 'orders/fragment.config.json')).toThrowError(
      /orders\/fragment\.config\.json is invalid:[\s\S]*name:[\s\S]*title:[\s\S]*routes\[0\][\s\S]*nav\[0\]\.label[\s\S]*nav\[0\]\.path[\s\S]*nav\[0\]\.requiredRole[\s\S]*requiredRole:/,
    );
  });

  it('requires at least one route and an explicit requiredRole', () => {
    expect(() => parseFragmentConfig({ ...valid, routes: [] })).toThrow(/routes: a non-empty array/);
    const { requiredRole: _omit, ...withoutRole } = valid;
    expect(() => parseFragmentConfig(withoutRole)).toThrow(/requiredRole/);
  });
});
