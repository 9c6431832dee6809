/** All pipeline runs, newest first (each project's own list is on its Runs tab). */
import { PageHeader } from '../components/Bits';
import { RunsTable } from '../components/RunBits';
import { usePageTitle } from '../lib/usePageTitle';

export function Runs() {
  usePageTitle('Runs');
  return (
    <>
      <PageHeader title="Runs" description="Pipeline runs of every project, newest first. Open one to follow its stages, read step logs and approve." />
      <RunsTable />
    </>
  );
}
