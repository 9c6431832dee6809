/**
 * The project's Members tab: the users and identity-provider groups bound to a role on the project or one of its
 * stages. Once a project has members, only they (and admins) see it. Leads of the project add and remove them
 * (the server decides; a refusal is shown as it says).
 */
import { useState, type FormEvent } from 'react';
import type { MemberRef } from '../../api/stoker';
import type { Project, ProjectMember, Role } from '../../api/types';
import { asApiError, useApi, useAuth } from '../../auth/AuthContext';
import { roleAtLeast } from '../../auth/permissions';
import { Badge, Time } from '../../components/Bits';
import { Field } from '../../components/Field';
import { EmptyState, ErrorPanel, FormError, Loading } from '../../components/States';
import { useResource } from '../../lib/useResource';

const ROLES: Role[] = ['viewer', 'engineer', 'lead'];
const STAGES = ['dev', 'test', 'qa', 'staging', 'prod'];

const label = (m: ProjectMember) => `${m.kind} ${m.name}${m.stage ? ` on ${m.stage}` : ''}`;

export function MembersTab({ project }: { project: Project }) {
  const api = useApi();
  const { me } = useAuth();
  const mayManage = roleAtLeast(me?.role, 'lead');
  const members = useResource(() => api.projectMembers(project.name), [project.name]);
  const [error, setError] = useState<string>();
  const [flash, setFlash] = useState<string>();

  const remove = async (m: ProjectMember) => {
    setError(undefined);
    try {
      await api.removeProjectMember(project.name, { kind: m.kind, name: m.name, stage: m.stage });
      setFlash(`Removed ${label(m)}.`);
      members.reload();
    } catch (e) {
      setError(asApiError(e).detail);
    }
  };

  const items = members.data?.items ?? [];
  return (
    <section aria-labelledby="members-title">
      <h2 id="members-title">Members</h2>
      <p className="muted">
        {members.data?.restricted
          ? 'Only these members (and admins) see this project; each acts with the role given here.'
          : 'No members: everyone acts with their own role. Adding the first member restricts the project to its members.'}
      </p>
      {flash && (
        <p className="flash" role="status">
          {flash}
        </p>
      )}
      <FormError message={error} />
      {mayManage && (
        <AddMemberForm
          project={project}
          onAdded={(m) => {
            setFlash(`${label(m)} is ${m.role}.`);
            members.reload();
          }}
        />
      )}
      {members.error ? (
        <ErrorPanel error={members.error} onRetry={members.reload} title="Could not list the members" />
      ) : !members.data ? (
        <Loading what="Loading members" />
      ) : items.length === 0 ? (
        <EmptyState title="No members yet">Add a user or a group of your identity provider with a role.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">Members</caption>
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Role</th>
                <th scope="col">Stage</th>
                <th scope="col">Added</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={`${m.kind}:${m.name}:${m.stage ?? ''}`}>
                  <td>
                    <strong>{m.name}</strong> <span className="muted">{m.kind}</span>
                  </td>
                  <td>
                    <Badge tone="neutral">{m.role}</Badge>
                  </td>
                  <td>{m.stage ?? <span className="muted">whole project</span>}</td>
                  <td>
                    <Time iso={m.created} /> <span className="muted">by {m.createdBy}</span>
                  </td>
                  <td className="row-actions">
                    {mayManage && (
                      <button type="button" className="btn btn-small" onClick={() => void remove(m)}>
                        Remove {label(m)}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function AddMemberForm({ project, onAdded }: { project: Project; onAdded: (m: ProjectMember) => void }) {
  const api = useApi();
  const [kind, setKind] = useState<MemberRef['kind']>('user');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('engineer');
  const [stage, setStage] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(undefined);
    if (!name.trim()) {
      setErrors({ name: kind === 'user' ? 'The user name.' : 'The group as your identity provider names it.' });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      onAdded(await api.putProjectMember(project.name, { kind, name: name.trim(), stage: stage || null }, role));
      setName('');
    } catch (err) {
      const error = asApiError(err);
      const field = error.field === 'user' || error.field === 'group' ? 'name' : error.field;
      if (field === 'name' || field === 'role' || field === 'stage') setErrors({ [field]: error.detail });
      else setFormError(error.detail);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel" onSubmit={onSubmit} noValidate aria-labelledby="add-member-title">
      <h3 id="add-member-title">Add a member</h3>
      <FormError message={formError} />
      <div className="form-grid">
        <Field label="Member is a">
          <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as MemberRef['kind'])}>
            <option value="user">user</option>
            <option value="group">group</option>
          </select>
        </Field>
        <Field label={kind === 'user' ? 'User name' : 'Group name'} error={errors.name}>
          <input name="name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Member role" hint="At most your own on this project." error={errors.role}>
          <select name="role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </Field>
        <Field label="On stage" hint="Empty: the whole project." error={errors.stage}>
          <select name="stage" value={stage} onChange={(e) => setStage(e.target.value)}>
            <option value="">whole project</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add member'}
        </button>
      </div>
    </form>
  );
}
