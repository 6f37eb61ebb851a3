import assert from 'node:assert/strict';
import { runCliCaptured } from './testing/run-cli-captured.js';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Fastify, { type FastifyInstance } from 'fastify';
import { createControlPlane, type ControlPlane } from '../control/index.js';
import { registerAdminRoutes } from '../http/admin/index.js';
import { DATABASES, type OpenTestDatabase } from '../../test/support/test-databases.js';
import { runCli } from './run-cli.js';

const ADMIN_KEY = 'cli-test-admin-key';
const sqlite = DATABASES.find((database) => database.name === 'sqlite')!;

describe('hangar CLI against a running admin API', () => {
  let opened: OpenTestDatabase;
  let control: ControlPlane;
  let app: FastifyInstance;
  let url: string;

  before(async () => {
    opened = await sqlite.open();
    control = await createControlPlane({ database: opened.database, secretKey: 'secret' });
    app = Fastify();
    registerAdminRoutes(app, { control, adminKey: ADMIN_KEY });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await app?.close();
    await control?.close();
    await opened?.destroy();
  });

  async function hangar(...argv: string[]) {
    return hangarWith({ HANGAR_ADMIN_KEY: ADMIN_KEY }, undefined, ...argv);
  }

  const hangarWith = (env: Record<string, string>, stdinText: string | undefined, ...argv: string[]) =>
    runCliCaptured(argv, url, env, stdinText);

  it('adds a person, makes them a member, signs them in and shows who they are', async () => {
    assert.equal((await hangar('projects', 'add', 'people')).code, 0);
    const added = await hangarWith(
      { HANGAR_ADMIN_KEY: ADMIN_KEY, HANGAR_PASSWORD: 'a long enough password' },
      undefined,
      'users',
      'add',
      'ada@example.com',
    );
    assert.equal(added.code, 0, added.stderr);
    const member = await hangar('members', 'set', 'ada@example.com', '--project', 'people', '--role', 'contributor');
    assert.equal(member.code, 0, member.stderr);
    assert.equal(member.stdout, 'ada@example.com is now contributor on project people.\n');

    const login = await hangarWith(
      {},
      'a long enough password\n',
      'login',
      '--email',
      'ada@example.com',
      '--password-stdin',
    );
    assert.equal(login.code, 0, login.stderr);
    const token = login.stdout.split('\n')[0]!;
    assert.match(token, /^hgs_[\w-]{43}$/);
    const whoami = await hangarWith({ HANGAR_TOKEN: token }, undefined, 'whoami');
    assert.equal(whoami.stdout, 'ada@example.com\n  people: contributor\n');
    const refused = await hangarWith({ HANGAR_TOKEN: token }, undefined, 'users', 'list');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /Only a platform admin can do this; ada@example.com is not one/);

    const listed = await hangar('users', 'list', '--json');
    const users = JSON.parse(listed.stdout) as { data: { email: string; platform_admin: boolean }[] };
    assert.deepEqual(
      users.data.map((user) => [user.email, user.platform_admin]),
      [['ada@example.com', false]],
    );
    assert.equal((await hangarWith({ HANGAR_TOKEN: token }, undefined, 'logout')).code, 0);
    assert.equal((await hangarWith({ HANGAR_TOKEN: token }, undefined, 'whoami')).code, 1);
  });

  it('sets up a connection, project, key and deployment, and lists them', async () => {
    const project = await hangar('projects', 'add', 'demo');
    assert.equal(project.code, 0, project.stderr);
    assert.match(
      project.stdout,
      /^Added project demo with two keys .*\nkey1 hgr_\S{43}\nkey2 hgr_\S{43}\nStore them now/,
    );
    const [key1] = /hgr_\S{43}/.exec(project.stdout) ?? [''];
    const regenerated = await hangar('keys', 'regenerate', '--project', 'demo', 'key1');
    assert.equal(regenerated.code, 0, regenerated.stderr);
    assert.doesNotMatch(regenerated.stdout, new RegExp(key1), 'a new secret');
    assert.match(regenerated.stdout, /^hgr_\S{43}\nRegenerated key key1 of project demo/);
    const connection = await hangar(
      'connections',
      'add',
      '--name',
      'xai',
      '--provider',
      'xai',
      '--api-key',
      'xai-secret',
    );
    assert.equal(connection.code, 0, connection.stderr);

    const key = await hangar('keys', 'create', '--project', 'demo', '--name', 'ci');
    assert.equal(key.code, 0, key.stderr);
    const plaintext = key.stdout.split('\n')[0]!;
    assert.match(plaintext, /^hgr_[\w-]{43}$/);
    assert.match(key.stdout, /Store it now/);
    assert.equal(control.registry.authenticate(plaintext)?.projectName, 'demo');

    const deployment = await hangar(
      'deployments',
      'add',
      '--project',
      'demo',
      '--name',
      'Grok-3',
      '--model',
      'grok-3',
      '--backend',
      'xai:grok-3',
      '--backend',
      'xai:grok-3:fast',
    );
    assert.equal(deployment.code, 0, deployment.stderr);

    const deployments = await hangar('deployments', 'list', '--project', 'demo');
    assert.equal(
      deployments.stdout,
      'NAME    MODEL   TYPE             TPM  BACKENDS\nGrok-3  grok-3  global-standard  -    xai:grok-3, xai:grok-3:fast\n',
    );

    const updated = await hangar(
      'deployments',
      'update',
      '--project',
      'demo',
      'grok-3',
      '--type',
      'standard',
      '--tpm',
      '5000',
      '--backend',
      'xai:grok-3,priority=0,weight=3',
      '--backend',
      'xai:grok-3:fast,priority=0',
    );
    assert.equal(updated.code, 0, updated.stderr);
    assert.match(
      (await hangar('deployments', 'list', '--project', 'demo')).stdout,
      /\nGrok-3\s+grok-3\s+standard\s+5000\s+xai:grok-3,weight=3, xai:grok-3:fast,priority=0\n$/,
      'priority and weight in the --backend syntax, where they are not the defaults',
    );
    const cleared = await hangar('deployments', 'update', '--project', 'demo', 'grok-3', '--tpm', '');
    assert.equal(cleared.code, 0, cleared.stderr);
    assert.match(
      (await hangar('deployments', 'list', '--project', 'demo')).stdout,
      /\nGrok-3\s+grok-3\s+standard\s+-\s/,
    );

    const connections = await hangar('connections', 'list');
    assert.match(
      connections.stdout,
      /^NAME\s+PROVIDER\s+BASE URL\s+API KEY\s+CREATED\nxai\s+xai\s+\(provider default\)\s+set\s+\d{4}-/,
    );
    assert.ok(!connections.stdout.includes('xai-secret'));

    const keys = await hangar('keys', 'list', '--project', 'demo', '--json');
    const listed = JSON.parse(keys.stdout);
    assert.equal(listed.data[0].prefix, plaintext.slice(0, 8));
    assert.ok(!keys.stdout.includes(plaintext));

    const granted = await hangar('quotas', 'set', '--project', 'demo', '--model', 'grok-3', '--tpm', '50000');
    assert.deepEqual(granted, { code: 0, stdout: 'Granted project demo 50000 TPM of grok-3.\n', stderr: '' });
    assert.match((await hangar('quotas', 'list', '--project', 'demo')).stdout, /grok-3\s+50000\s+0\s/);
    assert.equal((await hangar('quotas', 'set', '--project', 'demo', '--model', 'grok-3', '--tpm', 'lots')).code, 2);
  });

  it("sets a deployment's routing as JSON, and says what is wrong with bad JSON", async () => {
    const updated = await hangar(
      'deployments',
      'update',
      '--project',
      'demo',
      'Grok-3',
      '--tpm',
      '1000',
      '--routing',
      '{"strategy":"least-busy","max_attempts":2}',
      '--json',
    );
    assert.equal(updated.code, 0, updated.stderr);
    const routing = (JSON.parse(updated.stdout) as { routing: { strategy: string; max_attempts: number } }).routing;
    assert.deepEqual([routing.strategy, routing.max_attempts], ['least-busy', 2]);
    const bad = await hangar('deployments', 'update', '--project', 'demo', 'Grok-3', '--routing', 'least-busy');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--routing must be a JSON object/);
  });

  it('updates a connection in place, rotating the key the deployment uses', async () => {
    const projectId = (await control.projects.list())[0]!.id;
    const backend = () => control.registry.resolveDeployment(projectId, 'grok-3')?.backends[0]?.connection;
    assert.equal(backend()?.apiKey, 'xai-secret');

    const updated = await hangar('connections', 'update', 'xai', '--api-key', 'xai-rotated', '--timeout-ms', '9000');
    assert.deepEqual(updated, { code: 0, stdout: 'Updated connection xai.\n', stderr: '' });
    assert.equal(backend()?.apiKey, 'xai-rotated');
    assert.equal(backend()?.timeoutMs, 9000);

    const json = await hangar('connections', 'update', 'xai', '--timeout-ms', '', '--json');
    assert.equal(JSON.parse(json.stdout).timeout_ms, null);
    assert.ok(!json.stdout.includes('xai-rotated'));

    const nothing = await hangar('connections', 'update', 'xai');
    assert.equal(nothing.code, 2);
    assert.match(nothing.stderr, /at least one of --provider/);
    const missing = await hangar('connections', 'update', 'ghost', '--api-key', 'k');
    assert.deepEqual(missing, { code: 1, stdout: '', stderr: "hangar: Connection 'ghost' does not exist.\n" });
    assert.match((await hangar('help')).stdout, /hangar connections update NAME \[--provider P\]/);
  });

  it('revokes and removes', async () => {
    assert.equal((await hangar('keys', 'revoke', '--project', 'demo', 'ci')).code, 0);
    assert.match((await hangar('keys', 'list', '--project', 'demo')).stdout, /ci\s+hgr_\S+\s+revoked/);
    assert.equal((await hangar('deployments', 'remove', '--project', 'demo', 'grok-3')).code, 0);
    assert.equal((await hangar('connections', 'remove', 'xai')).code, 0);
    assert.equal(
      (await hangar('projects', 'remove', 'demo')).stdout,
      'Removed project demo with its keys and deployments.\n',
    );
  });

  it("exits 1 with the server's message on failure, and 2 on wrong usage", async () => {
    const missing = await hangar('keys', 'list', '--project', 'nope');
    assert.deepEqual(missing, {
      code: 1,
      stdout: '',
      stderr: "hangar: Project 'nope' does not exist; create it first or check the name.\n",
    });
    const badBackend = await hangar(
      'deployments',
      'add',
      '--project',
      'p',
      '--name',
      'n',
      '--model',
      'm',
      '--backend',
      'nocolon',
    );
    assert.equal(badBackend.code, 2);
    assert.match(badBackend.stderr, /--backend 'nocolon' must be CONNECTION:UPSTREAM_MODEL/);
    const wrongKey = await runCli(['projects', 'list', '--url', url, '--admin-key', 'wrong'], {
      stdout: { write: () => true },
      stderr: { write: (text: string) => assert.match(text, /admin key/) },
      env: {},
    });
    assert.equal(wrongKey, 1);
    assert.equal((await hangar('projects', 'list', '--provider', 'x')).code, 2);
  });

  it('runs as a real process, reading the admin key from the data dir', async () => {
    writeFileSync(join(opened.dataDir, 'admin.key'), `${ADMIN_KEY}\n`);
    await control.projects.create({ name: 'from-process' });
    const main = fileURLToPath(new URL('./main.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', main, 'projects', 'list', '--url', url, '--data-dir', opened.dataDir],
      { env: { PATH: process.env.PATH }, timeout: 20_000 },
    );
    assert.match(stdout, /^NAME\s+ID\s+CREATED\nfrom-process\s+prj_\w+\s+\d{4}-/);
  });
});
