import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { components } from '@simplebank/openapi';
import { JsonStateStore } from '../store/json-state-store.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

export type SessionUser = components['schemas']['SessionUser'];
export type Role = components['schemas']['Role'];

interface StoredUser extends SessionUser {
  passwordHash: string;
}
interface UsersDocument {
  users: StoredUser[];
}

/** Demo users of the embedded default only (README.md, quick start). */
export const DEMO_USERS: (SessionUser & { password: string })[] = [
  {
    id: 'u-alice',
    username: 'alice',
    displayName: 'Alice',
    roles: ['customer'],
    customerId: 'c-alice',
    password: 'alice-pass',
  },
  {
    id: 'u-bob',
    username: 'bob',
    displayName: 'Bob',
    roles: ['customer'],
    customerId: 'c-bob',
    password: 'bob-pass',
  },
  { id: 'u-admin', username: 'admin', displayName: 'Admin', roles: ['admin'], password: 'admin-pass' },
];

const publicUser = ({ passwordHash: _hash, ...user }: StoredUser): SessionUser => user;

/** Users with scrypt-hashed passwords in `var/bff/users.json`, cached in memory. */
export class UserStore {
  private readonly store: JsonStateStore<UsersDocument>;
  private users: StoredUser[] = [];
  /** Compared against when the username is unknown, so both paths cost one scrypt. */
  private dummyHash = '';

  constructor(dataDir: string) {
    this.store = new JsonStateStore(path.join(dataDir, 'users.json'), () => ({ users: [] }));
  }

  async init(opts: { seedDemoUsers: boolean }): Promise<void> {
    this.dummyHash = await hashPassword('not-a-password');
    if (opts.seedDemoUsers) {
      const hashed = await Promise.all(
        DEMO_USERS.map(async ({ password, ...u }) => ({ ...u, passwordHash: await hashPassword(password) })),
      );
      await this.store.update((doc) => {
        const missing = hashed.filter((demo) => !doc.users.some((u) => u.username === demo.username));
        return missing.length === 0
          ? { result: undefined }
          : { state: { users: [...doc.users, ...missing] }, result: undefined };
      });
    }
    this.users = ((await this.store.readIfChanged()) ?? (await this.store.read())).users;
  }

  /** Picks up users and roles changed by another instance sharing the data folder. */
  async refresh(): Promise<void> {
    const doc = await this.store.readIfChanged();
    if (doc) this.users = doc.users;
  }

  async verify(username: string, password: string): Promise<SessionUser | null> {
    const user = this.users.find((u) => u.username === username);
    const ok = await verifyPassword(password, user?.passwordHash ?? this.dummyHash);
    return user && ok ? publicUser(user) : null;
  }

  get(id: string): SessionUser | null {
    const user = this.users.find((u) => u.id === id);
    return user ? publicUser(user) : null;
  }

  list(): SessionUser[] {
    return this.users.map(publicUser);
  }

  /** A new user with a fresh id; null when the username is taken. */
  async create(input: {
    username: string;
    displayName: string;
    password: string;
    roles: Role[];
    customerId?: string;
  }): Promise<SessionUser | null> {
    const { password, ...fields } = input;
    const stored: StoredUser = {
      id: `u-${randomUUID()}`,
      ...fields,
      passwordHash: await hashPassword(password),
    };
    const updated = await this.store.update((doc) => {
      if (doc.users.some((u) => u.username === input.username)) return { result: null };
      const users = [...doc.users, stored];
      return { state: { users }, result: users };
    });
    if (updated === null) return null;
    this.users = updated;
    return publicUser(stored);
  }

  async setRoles(id: string, roles: Role[]): Promise<SessionUser | null> {
    const updated = await this.store.update((doc) => {
      const index = doc.users.findIndex((u) => u.id === id);
      if (index < 0) return { result: null };
      const users = doc.users.map((u, i) => (i === index ? { ...u, roles } : u));
      return { state: { users }, result: users };
    });
    if (updated === null) return null;
    this.users = updated;
    return this.get(id);
  }

  async check(): Promise<void> {
    await this.store.read();
  }
}
