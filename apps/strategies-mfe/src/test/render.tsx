import { mockContext, type DemoUser } from '@simplebank/mocks/node';
import { createHarnessServices, PlatformHarness } from '@simplebank/mocks/harness';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from '@simplebank/platform';
import Fragment from '../Fragment.tsx';

/** Renders the whole fragment at `path` as the shell would, for `user`, against the MSW mocks. */
export function renderFragment(
  path: string,
  { user = 'alice', flags }: { user?: DemoUser; flags?: Record<string, boolean> } = {},
) {
  mockContext.setUser(user);
  const services = createHarnessServices({ user, baseUrl: window.location.origin, flags });
  const session = services.session!;
  const view = render(
    <MemoryRouter initialEntries={[path]}>
      <PlatformHarness services={services}>
        <Fragment name="strategies" basename="/" session={session} navigate={() => {}} />
      </PlatformHarness>
    </MemoryRouter>,
  );
  return { ...view, services, user: userEvent.setup() };
}
