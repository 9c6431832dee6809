/** Shapes of Stoker's REST API (/api/v1), as the console uses them. */

export type Role = 'admin' | 'lead' | 'engineer' | 'viewer';
export type Scope = 'read' | 'write' | 'admin';
export type HealthStatus = 'UP' | 'DEGRADED' | 'DOWN';
export type AuditOutcome = 'SUCCESS' | 'DENIED' | 'FAILED';

export interface Page<T> {
  items: T[];
  offset: number;
  limit: number;
  total: number;
}

export interface TokenAnswer {
  access_token: string;
  token_type: string;
  expires_in: number;
}

export interface Me {
  username: string;
  role: Role;
  /** Empty for a signed-in session (everything the role allows); the granted scopes for an API token. */
  scopes: Scope[];
}

export interface ComponentHealth {
  component: string;
  status: HealthStatus;
  detail: string;
}

export interface Health {
  status: HealthStatus;
  components: ComponentHealth[];
}

export interface PlatformVersion {
  line: string;
  defaultVersion: string;
  defaultImage: string;
}

export interface Platform {
  id: string;
  displayName: string;
  vendor: string;
  adapterVersion: string;
  versions: PlatformVersion[];
  capabilities: string[];
}

export interface User {
  username: string;
  role: Role;
  created: string;
  createdBy: string;
}

export interface ApiToken {
  id: string;
  owner: string;
  name: string;
  scopes: Scope[];
  created: string;
  expires: string | null;
  revoked: string | null;
}

export interface IssuedToken {
  token: ApiToken;
  secret: string;
}

export interface AuditRecord {
  actor: string;
  action: string;
  target: string;
  sourceAddress: string;
  outcome: AuditOutcome;
  detail: string;
}

export interface AuditEntry {
  seq: number;
  time: string;
  record: AuditRecord;
  previousHash: string;
  hash: string;
}

export interface ChainVerification {
  intact: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  reason: string | null;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  target?: string;
  outcome?: string;
  from?: string;
  to?: string;
}
