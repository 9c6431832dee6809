/** Pages whose services are not part of Stoker yet, and the not-found page. */
import { Link } from 'react-router-dom';
import { PageHeader } from '../components/Bits';
import { EmptyState } from '../components/States';
import { usePageTitle } from '../lib/usePageTitle';

export function ComingSoon({ title, service, what }: { title: string; service: string; what: string }) {
  usePageTitle(title);
  return (
    <>
      <PageHeader title={title} />
      <EmptyState title={`Coming with the ${service} service`} action={<Link to="/">Back to the dashboard</Link>}>
        {what} This page fills in once that service is installed in Stoker.
      </EmptyState>
    </>
  );
}

export function NotFound() {
  usePageTitle('Not found');
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState title="There is no page at this address" action={<Link to="/">Go to the dashboard</Link>}>
        Check the link, or pick a page from the navigation.
      </EmptyState>
    </>
  );
}

export function NeedsRole({ role, what }: { role: string; what: string }) {
  usePageTitle('Not allowed');
  return (
    <>
      <PageHeader title="Not allowed" />
      <EmptyState title={`${what} needs the ${role} role`} action={<Link to="/">Go to the dashboard</Link>}>
        Ask an admin if you need access.
      </EmptyState>
    </>
  );
}
