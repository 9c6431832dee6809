/** User administration (admins): list with paging, create, change role or password, delete. */
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Role, User } from '../api/types';
import { asApiError, useApi, useAuth } from '../auth/AuthContext';
import { ROLES } from '../auth/permissions';
import { PageHeader, RoleBadge, Time } from '../components/Bits';
import { Field } from '../components/Field';
import { ConfirmDialog, Modal } from '../components/Modal';
import { Pagination } from '../components/Pagination';
import { EmptyState, ErrorPanel, FormError, Loading } from '../components/States';
import { intParam, offsetAfterRemoval, PAGE_SIZES } from '../lib/pagination';
import { useResource } from '../lib/useResource';
import { usePageTitle } from '../lib/usePageTitle';
import { hasErrors, MIN_PASSWORD_LENGTH, validatePassword, validateUsername } from '../lib/validation';

const ROLE_HELP: Record<Role, string> = {
  admin: 'everything, including users and tokens',
  lead: 'approvals, releases, the audit log',
  engineer: 'environments and project changes',
  viewer: 'read only',
};

export function Users() {
  usePageTitle('Users');
  const api = useApi();
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const offset = intParam(params.get('offset'), 0);
  const limit = intParam(params.get('limit'), PAGE_SIZES[0], 500);
  const users = useResource(() => api.users(offset, limit), [offset, limit]);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [deleting, setDeleting] = useState<User | null>(null);
  const [deleteBusy, setDeleteBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<string>();
  const [flash, setFlash] = useState<string>();

  const goTo = (o: number, l: number) => {
    const next = new URLSearchParams(params);
    next.set('offset', String(o));
    next.set('limit', String(l));
    setParams(next);
  };

  const onDelete = async () => {
    if (!deleting) return;
    setDeleteBusy(true);
    setDeleteError(undefined);
    try {
      await api.deleteUser(deleting.username);
      setFlash(`User ${deleting.username} deleted.`);
      setDeleting(null);
      const totalAfter = (users.data?.total ?? 1) - 1;
      const o = offsetAfterRemoval(offset, limit, totalAfter);
      if (o !== offset) goTo(o, limit);
      else users.reload();
    } catch (e) {
      setDeleteError(asApiError(e).detail);
    } finally {
      setDeleteBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title="Users"
        description="People who can sign in to Stoker, and what their role lets them do."
        actions={
          !creating && (
            <button type="button" className="btn btn-primary" onClick={() => { setCreating(true); setFlash(undefined); }}>
              Create user
            </button>
          )
        }
      />
      {flash && (
        <p className="flash" role="status">
          {flash}
        </p>
      )}
      {creating && (
        <CreateUserForm
          onCancel={() => setCreating(false)}
          onCreated={(u) => {
            setCreating(false);
            setFlash(`User ${u.username} created with the ${u.role} role.`);
            users.reload();
          }}
        />
      )}
      {users.error ? (
        <ErrorPanel error={users.error} onRetry={users.reload} title="Could not list users" />
      ) : !users.data ? (
        <Loading what="Loading users" />
      ) : users.data.items.length === 0 ? (
        <EmptyState title={users.data.total > 0 ? 'No users on this page' : 'No users yet'} action={users.data.total > 0 && <button type="button" className="btn" onClick={() => goTo(0, limit)}>First page</button>}>
          {users.data.total > 0 ? 'Go back to the first page.' : 'Create the first user with "Create user".'}
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption className="sr-only">Users</caption>
              <thead>
                <tr>
                  <th scope="col">User name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Created</th>
                  <th scope="col">Created by</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.data.items.map((u) => (
                  <tr key={u.username}>
                    <td>
                      <strong>{u.username}</strong>
                      {u.username === me?.username && <span className="muted"> (you)</span>}
                    </td>
                    <td>
                      <RoleBadge role={u.role} />
                    </td>
                    <td>
                      <Time iso={u.created} />
                    </td>
                    <td>{u.createdBy || <span className="muted">—</span>}</td>
                    <td className="row-actions">
                      <button type="button" className="btn btn-small" onClick={() => setEditing(u)} aria-label={`Edit ${u.username}`}>
                        Edit
                      </button>
                      {u.username !== me?.username && (
                        <button
                          type="button"
                          className="btn btn-small btn-danger-quiet"
                          onClick={() => { setDeleting(u); setDeleteError(undefined); }}
                          aria-label={`Delete ${u.username}`}
                        >
                          Delete
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination offset={offset} limit={limit} total={users.data.total} shown={users.data.items.length} label="Users" onChange={goTo} />
        </>
      )}
      {editing && (
        <EditUserDialog
          user={editing}
          self={editing.username === me?.username}
          onClose={() => setEditing(null)}
          onSaved={(u, what) => {
            setEditing(null);
            setFlash(`${u.username}: ${what}.`);
            users.reload();
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete ${deleting.username}?`}
          confirmLabel="Delete user"
          danger
          busy={deleteBusy}
          error={deleteError}
          onConfirm={onDelete}
          onCancel={() => setDeleting(null)}
        >
          <p>
            <strong>{deleting.username}</strong> can no longer sign in, and their API tokens stop working. The audit log keeps
            their history. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

function RoleSelect({ value, onChange, id }: { value: Role; onChange: (r: Role) => void; id?: string }) {
  return (
    <select id={id} name="role" value={value} onChange={(e) => onChange(e.target.value as Role)}>
      {[...ROLES].reverse().map((r) => (
        <option key={r} value={r}>
          {r} — {ROLE_HELP[r]}
        </option>
      ))}
    </select>
  );
}

type NewUserField = 'username' | 'password' | 'role';

export function CreateUserForm({ onCreated, onCancel }: { onCreated: (u: User) => void; onCancel: () => void }) {
  const api = useApi();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [showPassword, setShowPassword] = useState(false);
  const [touched, setTouched] = useState<Partial<Record<NewUserField, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<Partial<Record<NewUserField, string>>>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const local = { username: validateUsername(username), password: validatePassword(password), role: undefined };
  const shown = (f: NewUserField) => serverErrors[f] ?? (touched[f] ? local[f] : undefined);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched({ username: true, password: true, role: true });
    setFormError(undefined);
    if (hasErrors(local)) {
      document.getElementById(local.username ? 'new-username' : 'new-password')?.focus();
      return;
    }
    setBusy(true);
    try {
      onCreated(await api.createUser(username, role, password));
    } catch (err) {
      const error = asApiError(err);
      if (error.field === 'username' || error.field === 'password' || error.field === 'role') {
        setServerErrors({ [error.field]: error.detail });
        document.getElementById(`new-${error.field}`)?.focus();
      } else {
        setFormError(error.detail);
      }
      setBusy(false);
    }
  };

  return (
    <form className="panel" onSubmit={onSubmit} noValidate aria-labelledby="create-user-title">
      <h2 id="create-user-title">New user</h2>
      <FormError message={formError} />
      <div className="form-grid">
        <Field label="User name" hint="2–64 characters: lower-case letters, digits, '.', '_' or '-'." error={shown('username')}>
          <input
            id="new-username"
            name="username"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
            value={username}
            onChange={(e) => {
              setUsername(e.target.value);
              setTouched((t) => ({ ...t, username: true }));
              setServerErrors((s) => ({ ...s, username: undefined }));
            }}
          />
        </Field>
        <Field label="Role" error={shown('role')}>
          <RoleSelect id="new-role" value={role} onChange={(r) => { setRole(r); setServerErrors((s) => ({ ...s, role: undefined })); }} />
        </Field>
        <Field label="Initial password" hint={`At least ${MIN_PASSWORD_LENGTH} characters. Share it with the user through a safe channel.`} error={shown('password')}>
          <input
            id="new-password"
            name="password"
            type={showPassword ? 'text' : 'password'}
            autoComplete="new-password"
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              setTouched((t) => ({ ...t, password: true }));
              setServerErrors((s) => ({ ...s, password: undefined }));
            }}
          />
        </Field>
      </div>
      <label className="check">
        <input type="checkbox" checked={showPassword} onChange={(e) => setShowPassword(e.target.checked)} /> Show password
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create user'}
        </button>
        <button type="button" className="btn" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function EditUserDialog({ user, self, onClose, onSaved }: { user: User; self: boolean; onClose: () => void; onSaved: (u: User, what: string) => void }) {
  const api = useApi();
  const [role, setRole] = useState<Role>(user.role);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ role?: string; password?: string }>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const passwordError = password ? validatePassword(password) : undefined;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(undefined);
    const change: { role?: Role; password?: string } = {};
    if (role !== user.role) change.role = role;
    if (password) change.password = password;
    if (passwordError) {
      setErrors({ password: passwordError });
      return;
    }
    if (!change.role && !change.password) {
      setFormError('Nothing to save: pick another role or enter a new password.');
      return;
    }
    setBusy(true);
    try {
      const saved = await api.changeUser(user.username, change);
      const what = [change.role && `role is now ${saved.role}`, change.password && 'password changed'].filter(Boolean).join(', ');
      onSaved(saved, what);
    } catch (err) {
      const error = asApiError(err);
      if (error.field === 'role' || error.field === 'password') setErrors({ [error.field]: error.detail });
      else setFormError(error.detail);
      setBusy(false);
    }
  };

  return (
    <Modal title={`Edit ${user.username}`} onClose={onClose} busy={busy}>
      <form onSubmit={onSubmit} noValidate>
        <FormError message={formError} />
        <Field label="Role" error={errors.role}>
          <RoleSelect value={role} onChange={(r) => { setRole(r); setErrors((x) => ({ ...x, role: undefined })); }} />
        </Field>
        {self && role !== 'admin' && (
          <p className="warning" role="note">
            You are changing your own role: you will lose access to this page.
          </p>
        )}
        <Field label="New password (optional)" hint={`Leave empty to keep the current one; at least ${MIN_PASSWORD_LENGTH} characters.`} error={errors.password ?? passwordError}>
          <input
            type="password"
            name="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => { setPassword(e.target.value); setErrors((x) => ({ ...x, password: undefined })); }}
          />
        </Field>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}
