import { randomUUID } from 'node:crypto';
import type { components } from '@simplebank/openapi';
import type { Database } from '../store/database.ts';
import { LocalCache } from './local-cache.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

export type SessionUser = components['schemas']['SessionUser'];
export type Role = components['schemas']['Role'];

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

type UserRow = {
  id: string;
  username: string;
  display_name: string;
  roles: Role[];
  customer_id: string | null;
  password_hash: string;
};

const COLUMNS = 'id, username, display_name, roles, customer_id, password_hash';

const publicUser = (row: UserRow): SessionUser => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  roles: row.roles,
  ...(row.customer_id !== null ? { customerId: row.customer_id } : {}),
});

/**
 * Users with scrypt-hashed passwords in `bff_users`. On PostgreSQL read on every request, so a role
 * change or a new user made through any instance counts on all of them at once; on PGlite, where
 * every write goes through this process, cached until a write here drops them (local-cache.ts).
 */
export class UserStore {
  /** Compared against when the username is unknown, so both paths cost one scrypt. */
  private dummyHash = '';
  private readonly byId: LocalCache<SessionUser>;

  constructor(private readonly db: Database) {
    this.byId = new LocalCache(db, 'users');
  }

  /** Stops hearing about writes (the app closes). */
  close(): void {
    this.byId.detach();
  }

  async init(opts: { seedDemoUsers: boolean }): Promise<void> {
    this.dummyHash = await hashPassword('not-a-password');
    if (!opts.seedDemoUsers) return;
    for (const { password, ...demo } of DEMO_USERS) {
      const known = await this.db.query('SELECT 1 FROM bff_users WHERE username = $1', [demo.username]);
      if (known.length > 0) continue;
      await this.insert({ ...demo, passwordHash: await hashPassword(password) });
    }
  }

  /** False when the username (or the id) is taken. */
  private async insert(user: SessionUser & { passwordHash: string }): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO bff_users (id, username, display_name, roles, customer_id, password_hash)
       VALUES ($1, $2, $3, $4::json, $5, $6) ON CONFLICT DO NOTHING RETURNING id`,
      [
        user.id,
        user.username,
        user.displayName,
        JSON.stringify(user.roles),
        user.customerId ?? null,
        user.passwordHash,
      ],
    );
    this.byId.invalidate(user.id);
    return rows.length > 0;
  }

  async verify(username: string, password: string): Promise<SessionUser | null> {
    const [user] = await this.db.query<UserRow>(`SELECT ${COLUMNS} FROM bff_users WHERE username = $1`, [
      username,
    ]);
    const ok = await verifyPassword(password, user?.password_hash ?? this.dummyHash);
    return user && ok ? publicUser(user) : null;
  }

  /** The user as of now (every request reads it: see the class comment). */
  async get(id: string): Promise<SessionUser | null> {
    return this.byId.get(id, async () => {
      const [user] = await this.db.query<UserRow>(`SELECT ${COLUMNS} FROM bff_users WHERE id = $1`, [id]);
      return user ? publicUser(user) : null;
    });
  }

  async list(): Promise<SessionUser[]> {
    const rows = await this.db.query<UserRow>(`SELECT ${COLUMNS} FROM bff_users ORDER BY seq`);
    return rows.map(publicUser);
  }

  /** The ids of a customer's users (who gets the pushes about that customer's accounts). */
  async idsOfCustomer(customerId: string): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      'SELECT id FROM bff_users WHERE customer_id = $1 ORDER BY seq',
      [customerId],
    );
    return rows.map((r) => r.id);
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
    const user: SessionUser = { id: `u-${randomUUID()}`, ...fields };
    const created = await this.insert({ ...user, passwordHash: await hashPassword(password) });
    return created ? user : null;
  }

  async setRoles(id: string, roles: Role[]): Promise<SessionUser | null> {
    const [user] = await this.db.query<UserRow>(
      `UPDATE bff_users SET roles = $2::json WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, JSON.stringify(roles)],
    );
    this.byId.invalidate(id);
    return user ? publicUser(user) : null;
  }

  async check(): Promise<void> {
    await this.db.query('SELECT 1 FROM bff_users LIMIT 1');
  }
}
