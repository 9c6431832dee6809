import { describe, expect, it } from 'vitest';
import type { Me } from '../api/types';
import { can, grantableScopes, roleAtLeast } from './permissions';

const me = (role: Me['role'], scopes: Me['scopes'] = []): Me => ({ username: 'u', role, scopes });

describe('roles', () => {
  it('orders admin > lead > engineer > viewer', () => {
    expect(roleAtLeast('admin', 'viewer')).toBe(true);
    expect(roleAtLeast('lead', 'lead')).toBe(true);
    expect(roleAtLeast('engineer', 'lead')).toBe(false);
    expect(roleAtLeast('viewer', 'engineer')).toBe(false);
    expect(roleAtLeast('root', 'viewer')).toBe(false);
    expect(roleAtLeast(undefined, 'viewer')).toBe(false);
  });
});

describe('can', () => {
  it('gates each console action by role', () => {
    expect(can(me('admin'), 'manageUsers')).toBe(true);
    expect(can(me('lead'), 'manageUsers')).toBe(false);
    expect(can(me('lead'), 'readAudit')).toBe(true);
    expect(can(me('engineer'), 'readAudit')).toBe(false);
    expect(can(me('lead'), 'verifyAudit')).toBe(false);
    expect(can(me('engineer'), 'manageOwnTokens')).toBe(true);
    expect(can(me('viewer'), 'manageOwnTokens')).toBe(false);
    expect(can(null, 'readAudit')).toBe(false);
    expect(can(me('viewer'), 'readSecrets')).toBe(false);
    expect(can(me('engineer'), 'readSecrets')).toBe(true);
    expect(can(me('engineer'), 'manageSecrets')).toBe(false);
    expect(can(me('lead'), 'manageSecrets')).toBe(true);
    expect(can(me('engineer'), 'createProjects')).toBe(false);
    expect(can(me('lead'), 'createProjects')).toBe(true);
    expect(can(me('viewer'), 'changeProjects')).toBe(false);
    expect(can(me('engineer'), 'changeProjects')).toBe(true);
    expect(can(me('lead', ['read']), 'manageSecrets')).toBe(false);
  });

  it('limits a scoped token to its scopes', () => {
    expect(can(me('admin', ['read']), 'manageUsers')).toBe(false);
    expect(can(me('admin', ['read']), 'readAudit')).toBe(true);
    expect(can(me('admin', ['read', 'admin']), 'manageUsers')).toBe(true);
  });

  it('offers only the scopes the role can use', () => {
    expect(grantableScopes(me('viewer'))).toEqual(['read']);
    expect(grantableScopes(me('engineer'))).toEqual(['read', 'write']);
    expect(grantableScopes(me('admin'))).toEqual(['read', 'write', 'admin']);
    expect(grantableScopes(me('admin', ['read', 'write']))).toEqual(['read', 'write']);
  });
});
