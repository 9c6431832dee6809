import { describe, expect, it } from 'vitest';
import { artifactForServerField, EMPTY_FORM, inputForServerField, NO_ARTIFACTS, toEnvironmentRequest, validateEnvironmentForm, validateEnvironmentName, withArtifacts, type EnvironmentFormValues } from './environmentForm';

const form = (v: Partial<EnvironmentFormValues> = {}): EnvironmentFormValues => ({ ...EMPTY_FORM, name: 'line3-dev', platform: 'ignition', version: '8.3.4', ...v });

describe('environment name', () => {
  it.each(['abc', 'e2e-gw', 'line3-dev', 'a1b', `a${'b'.repeat(40)}c`])('accepts %s', (v) => {
    expect(validateEnvironmentName(v)).toBeUndefined();
  });
  it.each([
    ['', /Enter a name/],
    ['Gw', /lower-case/],
    ['1gw', /Start with a lower-case letter/],
    ['-gw', /Start with/],
    ['ab', /At least 3/],
    [`a${'b'.repeat(42)}`, /At most 42/],
    ['gw-', /End with a letter or digit/],
    ['gw_1', /Only lower-case letters, digits and '-'/],
    ['my gw', /Only lower-case/],
  ])('rejects %j', (v, message) => {
    expect(validateEnvironmentName(v)).toMatch(message);
  });
});

describe('environment form', () => {
  it('is valid with name, platform, version and stage', () => {
    expect(validateEnvironmentForm(form())).toEqual({});
  });

  it('needs a version unless an image is given', () => {
    expect(validateEnvironmentForm(form({ version: '' })).version).toMatch(/Pick a version/);
    expect(validateEnvironmentForm(form({ version: '', image: 'registry/ignition:8.3.4' }))).toEqual({});
    expect(validateEnvironmentForm(form({ image: 'bad image' })).image).toMatch(/no spaces/);
  });

  it('mirrors the server limits', () => {
    expect(validateEnvironmentForm(form({ memoryMb: '255' })).memoryMb).toMatch(/Between 256 and 1048576/);
    expect(validateEnvironmentForm(form({ memoryMb: '1048577' })).memoryMb).toMatch(/Between/);
    expect(validateEnvironmentForm(form({ memoryMb: '2g' })).memoryMb).toMatch(/Whole megabytes/);
    expect(validateEnvironmentForm(form({ memoryMb: '256' })).memoryMb).toBeUndefined();
    expect(validateEnvironmentForm(form({ cpus: '0' })).cpus).toMatch(/More than 0/);
    expect(validateEnvironmentForm(form({ cpus: '257' })).cpus).toMatch(/at most 256/);
    expect(validateEnvironmentForm(form({ cpus: 'two' })).cpus).toMatch(/A number/);
    expect(validateEnvironmentForm(form({ cpus: '0.5' })).cpus).toBeUndefined();
    expect(validateEnvironmentForm(form({ ttlMinutes: '0' })).ttlMinutes).toMatch(/at least 1/);
    expect(validateEnvironmentForm(form({ idleTimeoutMinutes: '1.5' })).idleTimeoutMinutes).toMatch(/Whole minutes/);
    expect(validateEnvironmentForm(form({ httpPort: '70000' })).httpPort).toMatch(/between 1 and 65535/);
    expect(validateEnvironmentForm(form({ httpPort: '8088' })).httpPort).toBeUndefined();
    expect(validateEnvironmentForm(form({ stage: 'production' })).stage).toMatch(/One of/);
  });

  it('checks secrets and labels line by line', () => {
    expect(validateEnvironmentForm(form({ secrets: 'GATEWAY_ADMIN_PASSWORD=secret/gw/admin' })).secrets).toBeUndefined();
    expect(validateEnvironmentForm(form({ secrets: 'no equals sign' })).secrets).toMatch(/Line 1: write VARIABLE=secret\/path/);
    expect(validateEnvironmentForm(form({ secrets: 'A=x\n1BAD=y' })).secrets).toMatch(/Line 2: '1BAD'/);
    expect(validateEnvironmentForm(form({ labels: 'team=ops\nteam=qa' })).labels).toMatch(/given twice/);
    expect(validateEnvironmentForm(form({ labels: 'team=' })).labels).toMatch(/has no value/);
  });

  it('builds a request with only what was filled in', () => {
    expect(toEnvironmentRequest(form())).toEqual({ name: 'line3-dev', platform: 'ignition', version: '8.3.4', stage: 'dev' });
    expect(
      toEnvironmentRequest(
        form({ image: ' img:1 ', httpPort: '0', memoryMb: '2048', cpus: '1.5', ttlMinutes: '60', idleTimeoutMinutes: '15', secrets: 'A=s/a\n\n# note', labels: 'team=ops' }),
      ),
    ).toEqual({
      name: 'line3-dev',
      platform: 'ignition',
      version: '8.3.4',
      image: 'img:1',
      stage: 'dev',
      ports: { http: 0 },
      memoryMb: 2048,
      cpus: 1.5,
      ttlMinutes: 60,
      idleTimeoutMinutes: 15,
      secrets: { A: 's/a' },
      labels: { team: 'ops' },
    });
  });

  it('maps server fields to inputs', () => {
    expect(inputForServerField('ports.http')).toBe('httpPort');
    expect(inputForServerField('ttl')).toBe('ttlMinutes');
    expect(inputForServerField('limits')).toBe('memoryMb');
    expect(inputForServerField('secrets')).toBe('secrets');
    expect(inputForServerField('name')).toBe('name');
    expect(inputForServerField('ports.opcua')).toBeUndefined();
    expect(inputForServerField(undefined)).toBeUndefined();
  });
});

describe('artifacts in the create request', () => {
  const art = (sha256: string, fileName: string, kind: 'module' | 'jdbc' | 'backup') => ({ sha256, fileName, kind, size: 1, attributes: {}, createdBy: 'a', created: '', project: null });
  it('references uploads by sha256 and file name and leaves empty ones out', () => {
    const base = { name: 'gw', platform: 'ignition', stage: 'dev' };
    expect(withArtifacts(base, NO_ARTIFACTS)).toEqual(base);
    expect(withArtifacts(base, { modules: [art('a1', 'x.modl', 'module')], jdbcDrivers: [art('b1', 'd.jar', 'jdbc')], restoreBackup: art('c1', 's.gwbk', 'backup') })).toEqual({
      ...base,
      modules: [{ sha256: 'a1', fileName: 'x.modl' }],
      jdbcDrivers: [{ sha256: 'b1', fileName: 'd.jar' }],
      restoreBackup: { sha256: 'c1', fileName: 's.gwbk' },
    });
  });
  it('maps server fields to the upload inputs', () => {
    expect(artifactForServerField('modules[1]')).toBe('modules');
    expect(artifactForServerField('jdbcDrivers')).toBe('jdbcDrivers');
    expect(artifactForServerField('restoreBackup')).toBe('restoreBackup');
    expect(artifactForServerField('name')).toBeUndefined();
  });
});
