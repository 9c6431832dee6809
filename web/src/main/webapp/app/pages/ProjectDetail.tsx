/**
 * One project: header (default branch, head) and sections kept in the address (`?tab=`): history with
 * revision comparison, the resource tree with a file viewer, import (engineers), branches,
 * releases, the pipeline editor, the project's runs, its documents, search in words and its members. Viewers see everything and no control that
 * changes anything.
 */
import { useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router-dom';
import { useApi, useAuth } from '../auth/AuthContext';
import { can } from '../auth/permissions';
import { PageHeader } from '../components/Bits';
import { PipelineEditor } from '../components/PipelineEditor';
import { RevisionId } from '../components/ProjectBits';
import { RunsTable } from '../components/RunBits';
import { ErrorPanel, Loading } from '../components/States';
import { useResource } from '../lib/useResource';
import { usePageTitle } from '../lib/usePageTitle';
import { BranchesTab } from './project/BranchesTab';
import { BrowseTab } from './project/BrowseTab';
import { DocumentsTab } from './project/DocumentsTab';
import { HistoryTab } from './project/HistoryTab';
import { ImportTab } from './project/ImportTab';
import { MembersTab } from './project/MembersTab';
import { ReleasesTab } from './project/ReleasesTab';
import { SearchTab } from './project/SearchTab';
import { projectHref } from './Projects';

type Tab = 'history' | 'browse' | 'import' | 'branches' | 'releases' | 'pipeline' | 'runs' | 'documents' | 'search' | 'members';
const TABS: { tab: Tab; label: string; change?: boolean }[] = [
  { tab: 'history', label: 'History' },
  { tab: 'browse', label: 'Browse' },
  { tab: 'import', label: 'Import', change: true },
  { tab: 'branches', label: 'Branches' },
  { tab: 'releases', label: 'Releases' },
  { tab: 'pipeline', label: 'Pipeline' },
  { tab: 'runs', label: 'Runs' },
  { tab: 'documents', label: 'Documents' },
  { tab: 'search', label: 'Search' },
  { tab: 'members', label: 'Members' },
];

export function ProjectDetail() {
  const { name = '' } = useParams();
  const api = useApi();
  const { me } = useAuth();
  const location = useLocation();
  const [params] = useSearchParams();
  const project = useResource(() => api.project(name), [name]);
  const branches = useResource(() => api.branches(name), [name]);
  const mayChange = can(me, 'changeProjects');
  const asked = params.get('tab') as Tab | null;
  const tabs = TABS.filter((t) => !t.change || mayChange);
  const tab: Tab = tabs.some((t) => t.tab === asked) ? (asked as Tab) : 'history';
  const [flash] = useState<string | undefined>((location.state as { flash?: string } | null)?.flash);
  usePageTitle(project.data ? project.data.name : 'Project');
  const reloadAll = () => {
    project.reload();
    branches.reload();
  };

  const back = (
    <Link to="/projects" className="btn">
      All projects
    </Link>
  );
  if (project.error && !project.data) {
    return (
      <>
        <PageHeader title={name} actions={back} />
        <ErrorPanel error={project.error} onRetry={project.reload} title={project.error.status === 404 ? 'No such project' : 'Could not load the project'} />
      </>
    );
  }
  const p = project.data;
  if (!p) return <Loading what="Loading the project" />;

  const tabHref = (t: Tab) => projectHref(p.name, t === 'history' ? '' : `?tab=${t}`);
  return (
    <>
      <PageHeader
        title={p.name}
        description={
          <>
            {p.description && <span className="wrap">{p.description} · </span>}
            {p.platform} · default branch <strong>{p.defaultBranch}</strong> · head {p.head ? <RevisionId id={p.head} /> : <span className="muted">none yet</span>}
          </>
        }
        actions={
          <>
            {back}
            {mayChange && p.head && (
              <Link to={projectHref(p.name, '/merge')} className="btn">
                Merge branches
              </Link>
            )}
            <button type="button" className="btn" onClick={reloadAll} disabled={project.loading || branches.loading}>
              Refresh
            </button>
          </>
        }
      />
      {flash && (
        <p className="flash" role="status">
          {flash}
        </p>
      )}
      <nav className="tabs" aria-label="Project sections">
        <ul>
          {tabs.map((t) => (
            <li key={t.tab}>
              <Link to={tabHref(t.tab)} className={`tab${t.tab === tab ? ' active' : ''}`} aria-current={t.tab === tab ? 'page' : undefined}>
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {tab === 'history' && <HistoryTab project={p} branches={branches} />}
      {tab === 'browse' && <BrowseTab project={p} branches={branches.data ?? []} />}
      {tab === 'import' && mayChange && <ImportTab project={p} branches={branches.data ?? []} onImported={reloadAll} />}
      {tab === 'branches' && <BranchesTab project={p} branches={branches} onChanged={reloadAll} />}
      {tab === 'releases' && <ReleasesTab project={p} branches={branches.data ?? []} />}
      {tab === 'pipeline' && <PipelineEditor project={p} onSaved={reloadAll} />}
      {tab === 'members' && <MembersTab project={p} />}
      {tab === 'runs' && <RunsTable project={p.name} />}
      {tab === 'documents' && <DocumentsTab project={p} branches={branches.data ?? []} />}
      {tab === 'search' && <SearchTab project={p} />}
    </>
  );
}
