/**
 * Project members (per-project and per-stage role bindings), as dev.stoker.rest answers them: leads manage them,
 * a user or a group, roles and stages in upper case (Java enum names).
 */
import { Bad, json, noContent, route, type Route } from './http';

export interface FakeMember {
  project: string;
  kind: 'USER' | 'GROUP';
  name: string;
  role: 'LEAD' | 'ENGINEER' | 'VIEWER';
  stage: string | null;
  createdBy: string;
  created: string;
}

const ROLES = ['lead', 'engineer', 'viewer'];
const STAGES = ['dev', 'test', 'qa', 'staging', 'prod'];

export function fakeMembers({ now, exists }: { now: () => string; exists: (project: string) => boolean }) {
  const members: FakeMember[] = [];
  const find = (project: string) => {
    if (!exists(project)) throw new Bad(404, 'name', `project '${project}' not found`);
    return members.filter((m) => m.project === project);
  };
  const subject = (user: unknown, group: unknown): { kind: 'USER' | 'GROUP'; name: string } => {
    const u = typeof user === 'string' ? user.trim() : '';
    const g = typeof group === 'string' ? group.trim() : '';
    if (!u === !g) throw new Bad(400, u ? 'group' : 'user', 'name exactly one of user and group');
    return u ? { kind: 'USER', name: u } : { kind: 'GROUP', name: g };
  };
  const stageOf = (s: unknown) => {
    const v = typeof s === 'string' ? s.trim().toLowerCase() : '';
    if (v && !STAGES.includes(v)) throw new Bad(400, 'stage', `'${v}' is not a stage (dev, test, qa, staging, prod)`);
    return v ? v.toUpperCase() : null;
  };
  const routes: Route[] = [
    route('GET', '/api/v1/projects/{p}/members', (_call, _ctx, { p }) => {
      const items = find(p);
      return json(200, { items, restricted: items.length > 0 });
    }),
    route('PUT', '/api/v1/projects/{p}/members', ({ body }, ctx, { p }) => {
      find(p);
      if (!ctx.need('lead')) return ctx.forbid('lead');
      const b = (body ?? {}) as Record<string, unknown>;
      const who = subject(b.user, b.group);
      const r = String(b.role ?? '').toLowerCase();
      if (!ROLES.includes(r)) throw new Bad(400, 'role', 'lead, engineer or viewer');
      const stage = stageOf(b.stage);
      const role = r.toUpperCase() as FakeMember['role'];
      const old = members.find((m) => m.project === p && m.kind === who.kind && m.name === who.name && m.stage === stage);
      if (old) {
        old.role = role;
        return json(200, old);
      }
      const m: FakeMember = { project: p, ...who, role, stage, createdBy: ctx.user, created: now() };
      members.push(m);
      return json(200, m);
    }),
    route('DELETE', '/api/v1/projects/{p}/members', ({ query }, ctx, { p }) => {
      find(p);
      if (!ctx.need('lead')) return ctx.forbid('lead');
      const who = subject(query.get('user'), query.get('group'));
      const stage = stageOf(query.get('stage'));
      const i = members.findIndex((m) => m.project === p && m.kind === who.kind && m.name === who.name && m.stage === stage);
      if (i < 0) throw new Bad(404, who.kind === 'USER' ? 'user' : 'group', `${who.kind.toLowerCase()} '${who.name}' is no member of project '${p}'`);
      members.splice(i, 1);
      return noContent();
    }),
  ];
  return { members, routes };
}
