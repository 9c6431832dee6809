/**
 * The new-secret form (leads and up), and the value fields it shares with "Set a new value" on a
 * secret's page. Values go to the server once and are cleared from the form; nothing echoes them.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { SecretScopeLevel, SecretType } from '../api/types';
import { asApiError, useApi } from '../auth/AuthContext';
import { PageHeader } from '../components/Bits';
import { Field } from '../components/Field';
import { FormError } from '../components/States';
import {
  EMPTY_SECRET_FORM,
  fileToBase64,
  isGenerated,
  isMultiLine,
  MAX_ROTATION_DAYS,
  parseScope,
  SCOPE_LEVELS,
  SECRET_TYPES,
  secretHref,
  secretInputFor,
  toNewSecret,
  typeId,
  usesFile,
  validateSecretForm,
  type SecretField,
  type SecretFormValues,
} from '../lib/secrets';
import { usePageTitle } from '../lib/usePageTitle';

const inputId = (f: SecretField) => `secret-${f}`;
const ORDER: SecretField[] = ['scopeId', 'path', 'type', 'value', 'file', 'importPassword', 'expires', 'rotationDays'];

export function focusFirstSecretError(errors: Partial<Record<SecretField, string>>) {
  const first = ORDER.find((f) => errors[f]);
  if (first) setTimeout(() => document.getElementById(inputId(first))?.focus(), 0);
}

/** Form state with local checks (shown once a field was touched) and server errors per field. */
export function useSecretForm(initial: SecretFormValues, fixed: boolean) {
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<Partial<Record<SecretField, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<Partial<Record<SecretField, string>>>({});
  const local = useMemo(() => validateSecretForm(values, fixed), [values, fixed]);
  const shown = (f: SecretField) => serverErrors[f] ?? (touched[f] ? local[f] : undefined);
  const set = <K extends keyof SecretFormValues>(key: K, value: SecretFormValues[K], field?: SecretField) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (field) {
      setTouched((t) => ({ ...t, [field]: true }));
      setServerErrors((s) => ({ ...s, [field]: undefined }));
    }
  };
  const touchAll = () => setTouched(Object.fromEntries(ORDER.map((f) => [f, true])));
  /** Forgets the value, the file and the import password (after a submit, whatever its outcome). */
  const clearValue = () => setValues((v) => ({ ...v, value: '', fileBase64: '', fileName: '', importPassword: '' }));
  return { values, setValues, local, shown, set, touchAll, setServerErrors, clearValue };
}

type SecretFormState = ReturnType<typeof useSecretForm>;

/** Value, PKCS#12 file and password, expiry and rotation schedule for a type. */
export function SecretValueFields({ form, type, currentSchedule }: { form: SecretFormState; type: SecretType; currentSchedule?: string }) {
  const { values, shown, set } = form;
  const fileMode = usesFile(values);
  const [fileError, setFileError] = useState<string>();
  return (
    <>
      {type === 'CERTIFICATE' && (
        <fieldset className="fieldset">
          <legend>Certificate as</legend>
          <label className="check">
            <input
              type="radio"
              name="certificateSource"
              value="pem"
              checked={values.certificateSource === 'pem'}
              onChange={() => set('certificateSource', 'pem', 'value')}
            />{' '}
            PEM text (certificate and private key)
          </label>
          <label className="check">
            <input
              type="radio"
              name="certificateSource"
              value="pkcs12"
              checked={values.certificateSource === 'pkcs12'}
              onChange={() => set('certificateSource', 'pkcs12', 'file')}
            />{' '}
            PKCS#12 file (.p12, .pfx)
          </label>
        </fieldset>
      )}
      <div className="form-grid">
        {fileMode ? (
          <Field label="PKCS#12 file" hint={values.fileName ? `Chosen: ${values.fileName}` : 'Read in the browser and sent base64-encoded.'} error={fileError ?? shown('file')}>
            <input
              id={inputId('file')}
              name="file"
              type="file"
              accept=".p12,.pfx,application/x-pkcs12"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                setFileError(undefined);
                if (!file) {
                  form.setValues((v) => ({ ...v, fileBase64: '', fileName: '' }));
                  return;
                }
                try {
                  const b64 = await fileToBase64(file);
                  set('fileBase64', b64, 'file');
                  set('fileName', file.name);
                } catch {
                  setFileError('The file could not be read.');
                }
              }}
            />
          </Field>
        ) : isMultiLine(type) ? (
          <Field label="Value" hint={SECRET_TYPES.find((t) => t.type === type)?.hint} error={shown('value')} className="field-wide">
            <textarea
              id={inputId('value')}
              name="value"
              rows={type === 'KEY_VALUE' ? 4 : 8}
              autoComplete="off"
              spellCheck={false}
              className="secret-text"
              value={values.value}
              onChange={(e) => set('value', e.target.value, 'value')}
            />
          </Field>
        ) : (
          <Field label="Value" hint={`${SECRET_TYPES.find((t) => t.type === type)?.hint ?? ''} Not shown again after saving.`} error={shown('value')}>
            <input
              id={inputId('value')}
              name="value"
              type="password"
              autoComplete="new-password"
              spellCheck={false}
              value={values.value}
              onChange={(e) => set('value', e.target.value, 'value')}
            />
          </Field>
        )}
        {(type === 'CERTIFICATE' || type === 'SSH_KEY') && (
          <Field label="Import password (optional)" hint={fileMode ? 'Opens the PKCS#12 file.' : 'Opens an encrypted private key.'} error={shown('importPassword')}>
            <input
              id={inputId('importPassword')}
              name="importPassword"
              type="password"
              autoComplete="off"
              value={values.importPassword}
              onChange={(e) => set('importPassword', e.target.value, 'importPassword')}
            />
          </Field>
        )}
        {type !== 'CERTIFICATE' && (
          <Field label="Expires (optional)" hint="For licences and tokens that end; shown as a badge from 30 days before." error={shown('expires')}>
            <input
              id={inputId('expires')}
              name="expires"
              type="datetime-local"
              value={values.expires}
              onChange={(e) => set('expires', e.target.value, 'expires')}
            />
          </Field>
        )}
        {isGenerated(type) && (
          <Field
            label="Rotate every (days, optional)"
            hint={`Stoker generates a new value on this schedule; 0 turns it off, empty ${currentSchedule ? `keeps every ${currentSchedule} days` : 'means never'}. At most ${MAX_ROTATION_DAYS}.`}
            error={shown('rotationDays')}
          >
            <input
              id={inputId('rotationDays')}
              name="rotationDays"
              inputMode="numeric"
              autoComplete="off"
              value={values.rotationDays}
              onChange={(e) => set('rotationDays', e.target.value, 'rotationDays')}
            />
          </Field>
        )}
      </div>
    </>
  );
}

export function SecretCreate() {
  usePageTitle('New secret');
  const api = useApi();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const scope = parseScope(params.get('scope'));
  const form = useSecretForm({ ...EMPTY_SECRET_FORM, level: scope.level, scopeId: scope.id }, false);
  const { values, local, shown, set } = form;
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const backHref = `/secrets?${new URLSearchParams({ scope: params.get('scope') ?? 'workspace' }).toString()}`;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    form.touchAll();
    setFormError(undefined);
    if (Object.keys(local).length > 0) {
      focusFirstSecretError(local);
      return;
    }
    setBusy(true);
    const body = toNewSecret(values);
    try {
      const m = await api.writeSecret(body);
      form.clearValue();
      navigate(secretHref(m), { state: { flash: `Secret ${m.path} created (version ${m.version}). Its value is stored encrypted and is not shown.` } });
    } catch (err) {
      const error = asApiError(err);
      const input = secretInputFor(error.field, values);
      if (input) {
        form.setServerErrors({ [input]: error.detail });
        focusFirstSecretError({ [input]: error.detail });
      } else {
        setFormError(error.detail);
      }
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title="New secret"
        description="The value is encrypted on the server. Neither this page nor any other shows it again."
        actions={
          <Link to={backHref} className="btn">
            Back to secrets
          </Link>
        }
      />
      <form className="panel" onSubmit={onSubmit} noValidate aria-labelledby="new-secret-title">
        <h2 id="new-secret-title">Secret</h2>
        <FormError message={formError} />
        <div className="form-grid">
          <Field label="Scope" hint="Narrower scopes override wider ones for the same path.">
            <select id="secret-level" name="level" value={values.level} onChange={(e) => set('level', e.target.value as SecretScopeLevel, 'scopeId')}>
              {SCOPE_LEVELS.map((s) => (
                <option key={s} value={s}>
                  {s.toLowerCase()}
                </option>
              ))}
            </select>
          </Field>
          {values.level !== 'WORKSPACE' && (
            <Field label={`${values.level.charAt(0)}${values.level.slice(1).toLowerCase()} id`} error={shown('scopeId')}>
              <input
                id={inputId('scopeId')}
                name="scopeId"
                autoComplete="off"
                spellCheck={false}
                value={values.scopeId}
                onChange={(e) => set('scopeId', e.target.value, 'scopeId')}
              />
            </Field>
          )}
          <Field label="Path" hint="Segments of letters, digits, '.', '_' or '-', separated by '/', e.g. db/main/password." error={shown('path')}>
            <input
              id={inputId('path')}
              name="path"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              autoFocus
              value={values.path}
              onChange={(e) => set('path', e.target.value, 'path')}
            />
          </Field>
          <Field label="Type" hint={SECRET_TYPES.find((t) => t.type === values.type)?.hint} error={shown('type')}>
            <select
              id={inputId('type')}
              name="type"
              value={values.type}
              onChange={(e) => {
                const type = e.target.value as SecretType;
                form.setValues((v) => ({ ...v, type, value: '', fileBase64: '', fileName: '', importPassword: '', certificateSource: 'pem' }));
                form.setServerErrors({});
              }}
            >
              {SECRET_TYPES.map((t) => (
                <option key={t.type} value={t.type}>
                  {t.label} ({typeId(t.type)})
                </option>
              ))}
            </select>
          </Field>
        </div>
        <SecretValueFields form={form} type={values.type} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create secret'}
          </button>
          <Link to={backHref} className="btn">
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}
