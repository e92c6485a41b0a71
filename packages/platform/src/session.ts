export type Role = 'customer' | 'admin';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  /** Set for customers: the accounts context's id of the person, used to scope their data. */
  customerId?: string;
}

export interface Session {
  user: SessionUser;
}

/** What the shell passes to a fragment's default export (`./Fragment`). */
export interface FragmentProps {
  /** The fragment's registry name (`orders`, `strategies`, `admin`). */
  name: string;
  /** The URL prefix the shell mounted the fragment under; routes are absolute, so usually `/`. */
  basename: string;
  session: Session;
  navigate: (to: string) => void;
}
