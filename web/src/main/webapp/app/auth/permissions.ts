/**
 * Who may do what in the console. The server checks every call; these rules only decide what the
 * console shows, so that nobody meets a button they cannot use. Keep them in step with the
 * `@Allow` annotations of dev.stoker.rest.
 */
import type { Me, Role, Scope } from '../api/types';

export const ROLES: readonly Role[] = ['viewer', 'engineer', 'lead', 'admin'];

const RANK: Record<Role, number> = { viewer: 0, engineer: 1, lead: 2, admin: 3 };

/** Whether `role` has at least the permissions of `min`. Unknown roles have none. */
export function roleAtLeast(role: string | undefined | null, min: Role): boolean {
  if (!role || !(role in RANK)) return false;
  return RANK[role as Role] >= RANK[min];
}

export interface Permission {
  role: Role;
  scope: Scope;
}

/**
 * The console's rules. Note `manageOwnTokens`: the API lets every role (even viewers) issue tokens
 * for themselves, but the console keeps viewers strictly read-only, as issue #7 asks.
 */
export const PERMISSIONS = {
  readAudit: { role: 'lead', scope: 'read' },
  verifyAudit: { role: 'admin', scope: 'admin' },
  manageUsers: { role: 'admin', scope: 'admin' },
  manageOwnTokens: { role: 'engineer', scope: 'write' },
  manageAllTokens: { role: 'admin', scope: 'admin' },
  /** service accounts: leads manage their own, admins every one */
  manageServiceAccounts: { role: 'lead', scope: 'admin' },
  manageEnvironments: { role: 'engineer', scope: 'write' },
  manageOrphans: { role: 'admin', scope: 'admin' },
  /** secret metadata (list, versions): never values */
  readSecrets: { role: 'engineer', scope: 'read' },
  /** new values, rollback, rotation, schedule, delete (reveal is not offered in the console) */
  manageSecrets: { role: 'lead', scope: 'write' },
  createProjects: { role: 'lead', scope: 'write' },
  /** imports, branches, merges and releases */
  changeProjects: { role: 'engineer', scope: 'write' },
  /** edit the pipeline, start, cancel and retry runs, roll a deployment back */
  runPipelines: { role: 'engineer', scope: 'write' },
  /**
   * approve or reject a waiting run: an approval step asks for lead by default (its `role` may say
   * otherwise, and the author of the change is refused); the server decides, the console shows the
   * buttons from lead up
   */
  approveRuns: { role: 'lead', scope: 'write' },
  /** create, change and delete alert rules */
  manageAlertRules: { role: 'lead', scope: 'write' },
  /** generate documents, edit their text, submit them for review, comment, start a new version */
  writeDocuments: { role: 'engineer', scope: 'write' },
  /** approve or send back a document, accept a grounding finding, sign */
  signDocuments: { role: 'lead', scope: 'write' },
} as const satisfies Record<string, Permission>;

export type Action = keyof typeof PERMISSIONS;

/**
 * Whether the signed-in caller may do `action`. A signed-in session has no scopes (everything its
 * role allows); an API token used as a session is limited to its scopes.
 */
export function can(me: Me | null | undefined, action: Action | Permission): boolean {
  if (!me) return false;
  const p: Permission = typeof action === 'string' ? PERMISSIONS[action] : action;
  if (!roleAtLeast(me.role, p.role)) return false;
  return me.scopes.length === 0 || me.scopes.includes(p.scope);
}

/** The token scopes a caller may grant: never more than the role can use. */
export function grantableScopes(me: Me | null | undefined): Scope[] {
  if (!me) return [];
  const scopes: Scope[] = ['read'];
  if (roleAtLeast(me.role, 'engineer')) scopes.push('write');
  if (roleAtLeast(me.role, 'admin')) scopes.push('admin');
  return me.scopes.length === 0 ? scopes : scopes.filter((s) => me.scopes.includes(s));
}
