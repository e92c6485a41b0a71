import { Button, Notice, TextField } from '@simplebank/ui';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ApiClient } from '@simplebank/platform';
import { logIn, sessionKey } from './session-queries.ts';

export function LoginPage({ api }: { api: ApiClient }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const username = String(form.get('username') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!username || !password) {
      setError('Enter your username and password.');
      return;
    }
    setBusy(true);
    setError(null);
    const outcome = await logIn(api, username, password);
    setBusy(false);
    if (!outcome.ok) {
      setError(outcome.message);
      return;
    }
    // The /login route sees the session and sends the user on to the page they asked for.
    queryClient.setQueryData(sessionKey, outcome.session);
  }

  return (
    <main className="shell-login">
      <h1>Log in to SimpleBank</h1>
      <form onSubmit={submit} noValidate aria-label="Log in">
        {error && <Notice tone="danger">{error}</Notice>}
        <TextField label="Username" name="username" autoComplete="username" required />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        <Button type="submit" busy={busy}>
          Log in
        </Button>
      </form>
    </main>
  );
}
