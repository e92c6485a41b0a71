import { Notice, PageHeading } from '@simplebank/ui';

/** What a non-admin sees on an admin route: a clear page, not an error or a blank screen. */
export function NotAllowed({ title }: { title: string }) {
  return (
    <>
      <PageHeading title={title} />
      <Notice tone="warning" title="You are not allowed to see this page">
        The admin console is for SimpleBank administrators.
      </Notice>
    </>
  );
}
