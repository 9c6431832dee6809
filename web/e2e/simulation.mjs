// The time-driven driver of the shared fake environments (test-support/fake/environments.ts), for the e2e
// self-test server (e2e/mock-stoker.mjs): each operation walks through its steps a few hundred milliseconds
// apart (MOCK_STEP_MS), changing the environment as the server would (provisioning, states, endpoints, log
// lines, backups stored as artifacts); event streams send what changed; metrics wander plausibly.
import { EVENT_STREAM } from '../test-support/fake/environments.ts';

const DONE = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

/** A streamed answer whose `tick(write, end)` runs every `ms` until it ends or the client goes away. */
function ticking(ms, tick, first = () => {}) {
  const encoder = new TextEncoder();
  let timer;
  const body = new ReadableStream({
    start(c) {
      const write = (text) => c.enqueue(encoder.encode(text));
      const end = (text) => { clearInterval(timer); if (text) write(text); c.close(); };
      first(write);
      timer = setInterval(() => tick(write, end), ms);
    },
    cancel() { clearInterval(timer); },
  });
  return new Response(body, { status: 200, headers: EVENT_STREAM });
}

/**
 * `attach(environments)` gives it the shared part it drives (made with this driver). Needs the clock, the
 * secrets (metrics answer only when the gateway's API key is a secret) and the artifacts (backups go there).
 */
export function simulation({ now, secrets, uploads, stepMs = Number(process.env.MOCK_STEP_MS ?? 600) }) {
  let envs;
  let nextPort = 40001;
  const ports = new Map();
  const runningSince = new Map();
  const log = (env, line) => envs.logs.set(env.id, `${envs.logs.get(env.id) ?? ''}${new Date().toISOString()} INFO  [${env.spec.name}] ${line}\n`);
  const setState = (env, state, reason) => {
    if (state === 'RUNNING' && env.state !== 'RUNNING') runningSince.set(env.id, Date.now());
    env.state = state;
    env.stateReason = reason;
    env.updated = now();
  };
  const running = (env) => { setState(env, 'RUNNING', 'gateway RUNNING'); log(env, 'Ignition Gateway RUNNING'); };
  const image = (env) => env.spec.image ?? `inductiveautomation/ignition:${env.spec.version}`;
  const run = (op, steps) => {
    let i = 0;
    const tick = () => {
      const [step, percent, message, fn] = steps[i++];
      Object.assign(op, { status: 'RUNNING', step, percent, message });
      fn?.();
      if (i < steps.length) setTimeout(tick, stepMs);
      else Object.assign(op, { status: 'SUCCEEDED', step: 'done', percent: 100, finished: now() });
    };
    setTimeout(tick, stepMs);
  };
  const storeBackup = (op, env) => {
    const bytes = new TextEncoder().encode(`PK gateway backup of ${env.spec.name} at ${now()}`);
    uploads.store(bytes, `${env.spec.name}-${now().replace(/[:.]/g, '')}.gwbk`, op.startedBy).then((a) => {
      const list = envs.backups.get(env.id) ?? [];
      list.unshift({ id: `bk-${Math.random().toString(16).slice(2, 10)}`, environmentId: env.id, sha256: a.sha256, size: a.size, image: image(env), version: env.spec.version, createdBy: op.startedBy, created: now() });
      envs.backups.set(env.id, list);
      op.message = `backup ${a.sha256.slice(0, 12)} stored`;
    });
  };
  const steps = {
    create: (op, env) => {
      const port = nextPort;
      nextPort += 10;
      ports.set(env.id, port);
      return [
        ['start', 1, 'worker picked it up', () => setState(env, 'PROVISIONING', 'provisioning')],
        ['image', 10, `making sure image ${image(env)} is on local`],
        ['volume', 25, `data volume stoker-${env.spec.name}-data`],
        ['container', 50, 'creating the gateway container', () => { env.endpoints = { http: `http://127.0.0.1:${port}`, https: `https://127.0.0.1:${port + 1}`, gan: `tcp://127.0.0.1:${port + 2}` }; setState(env, 'STARTING', 'starting the gateway'); log(env, 'Starting Ignition Gateway'); }],
        ['probe', 70, 'gateway STARTING', () => log(env, 'Gateway state STARTING')],
        ['probe', 85, 'gateway COMMISSIONING', () => log(env, 'Gateway state COMMISSIONING')],
        ['probe', 95, 'gateway RUNNING', () => running(env)],
      ];
    },
    stop: (op, env) => [['stop', 30, 'stopping the gateway', () => log(env, 'Shutting down')], ['stop', 80, 'stopped', () => setState(env, 'STOPPED', `stopped by ${op.startedBy}`)]],
    start: (op, env) => [['start', 40, 'starting the gateway', () => setState(env, 'STARTING', 'starting')], ['probe', 80, 'gateway RUNNING', () => running(env)]],
    backup: (op, env) => [['download', 30, 'downloading the gateway backup'], ['store', 80, 'checking and storing it', () => storeBackup(op, env)]],
    maintain: (op, env, action, params) => [
      ['image', 20, action === 'upgrade' ? `making sure image ${params.image ?? `inductiveautomation/ignition:${params.version}`} is on local` : 'preparing a fresh data volume', () => setState(env, 'STARTING', `${action} by ${op.startedBy}`)],
      ['container', 50, 'recreating the gateway container', () => {
        if (action === 'upgrade') { envs.previous.set(env.id, { version: env.spec.version, image: env.spec.image }); Object.assign(env.spec, params); }
        if (action === 'rollback') { Object.assign(env.spec, envs.previous.get(env.id)); envs.previous.delete(env.id); }
        log(env, `Starting Ignition Gateway (${action})`);
      }],
      ['probe', 90, 'gateway RUNNING', () => running(env)],
    ],
    destroy: (op, env, action) => [['remove', 40, 'removing the container'], ['remove', 80, action === 'destroy-with-volume' ? 'removing the data volume' : 'keeping the data volume', () => { setState(env, 'DESTROYED', `destroyed by ${op.startedBy}`); env.endpoints = {}; }]],
  };
  const kind = { restart: 'start', restore: 'maintain', rollback: 'maintain', upgrade: 'maintain', 'destroy-with-volume': 'destroy' };

  return {
    attach: (parts) => { envs = parts; },
    started: (op, env, action, params) => run(op, steps[kind[action] ?? action](op, env, action, params)),

    // every change of the operation as an event, each cut into two writes to exercise chunk boundaries
    events: (op) => {
      let last = '';
      let lastWrite = Date.now();
      return ticking(100, (write, end) => {
        const json = JSON.stringify(op);
        if (json !== last) {
          const done = DONE.includes(op.status);
          const text = `event: ${done ? 'done' : 'progress'}\ndata: ${json}\n\n`;
          write(text.slice(0, 17));
          write(text.slice(17));
          last = json;
          lastWrite = Date.now();
          if (done) end();
        } else if (Date.now() - lastWrite > 1000) {
          write(': keep-alive\n\n');
          lastWrite = Date.now();
        }
      });
    },

    // the tail, then new lines as `log` events (and a heartbeat line a second); `end` when it stops
    follow: (env, tail) => {
      const lines = () => (envs.logs.get(env.id) ?? '').split('\n').filter(Boolean);
      let seen = lines().length;
      let beat = 0;
      return ticking(200, (write, end) => {
        const all = lines();
        for (const l of all.slice(seen)) write(`event: log\ndata: ${l}\n\n`);
        seen = all.length;
        if (++beat % 5 === 0) log(env, `heartbeat ${beat / 5}`);
        if (!['RUNNING', 'STARTING'].includes(env.state)) end('event: end\ndata: the container stopped\n\n');
      }, (write) => { for (const l of tail > 0 ? lines().slice(-tail) : []) write(`event: log\ndata: ${l}\n\n`); });
    },

    // Like GatewayMetricsResource over the emulator: the gateway answers only with the API key it was given
    // (EMULATOR_API_KEYS=ignition/api-token) and Stoker only finds it as the secret ignition/api-token;
    // otherwise 502.
    sample: (env) => {
      const path = `${env.spec.platform}/api-token`;
      const hasKey = ['workspace', `stage:${env.spec.stage.toLowerCase()}`, `environment:${env.id}`].some((scope) => secrets.exists(scope, path));
      const given = Object.entries(env.spec.secrets ?? {}).some(([k, v]) => k === 'EMULATOR_API_KEYS' && v === path);
      if (!hasKey || !given) return { status: 502, detail: `the gateway did not give its metrics: HTTP 401 from ${env.endpoints.http}/data/api/v1/gateway-info${hasKey ? '' : ` (no secret ${path} in the environment's scopes)`}` };
      const t = (Date.now() - (runningSince.get(env.id) ?? Date.now())) / 1000;
      const max = env.spec.limits?.memoryBytes || 1024 * 1048576;
      const cpu = Math.min(1, Math.max(0, 0.12 + 0.08 * Math.sin(t / 9) + 0.05 * Math.random()));
      return {
        metrics: {
          'memory.used.bytes': Math.round(max * (0.32 + 0.08 * Math.sin(t / 20) + 0.04 * Math.random())),
          'memory.committed.bytes': Math.round(max * 0.5),
          'memory.max.bytes': max,
          'cpu.usage': Number(cpu.toFixed(4)),
          'cpu.system.usage': Number(Math.min(1, cpu + 0.1 + 0.05 * Math.random()).toFixed(4)),
          'cpu.processors': 4,
          threads: 80 + Math.round(6 * Math.random()),
          'uptime.seconds': Math.round(t),
        },
      };
    },
  };
}
