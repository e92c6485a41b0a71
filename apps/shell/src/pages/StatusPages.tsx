import { Link } from '@simplebank/platform';

export function NotAllowed() {
  return (
    <section aria-labelledby="not-allowed-title">
      <h1 id="not-allowed-title">Not allowed</h1>
      <p>Your account does not have access to this page.</p>
      <Link to="/">Go to your home page</Link>
    </section>
  );
}

export function NotFound() {
  return (
    <section aria-labelledby="not-found-title">
      <h1 id="not-found-title">Page not found</h1>
      <p>There is nothing at this address.</p>
      <Link to="/">Go to your home page</Link>
    </section>
  );
}
