import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { startOpenAiStyleEmulator, type Emulator } from '../support/emulators/index.js';
import { startHangar, type HangarUnderTest } from '../support/start-hangar.js';

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

const PASSWORD = 'correct horse battery staple';

/**
 * Who may do what on the admin API, proved against a running Hangar: the role matrix (platform admin,
 * operator key, Owner, Contributor, Reader, an outsider, admin-scoped and inference keys) and tenant
 * isolation (nothing of one project can be read or changed by another's members or keys).
 */
describe('admin API roles and tenant isolation', () => {
  let emulator: Emulator;
  let hangar: HangarUnderTest;
  /** Credential by caller name. */
  const credentials = new Map<string, string>();
  let counter = 0;
  const unique = (prefix: string) => `${prefix}-${++counter}`;

  async function call(credential: string | undefined, method: string, path: string, body?: object): Promise<Answer> {
    const response = await fetch(`${hangar.url}${path}`, {
      method,
      headers: {
        ...(credential === undefined ? {} : { authorization: `Bearer ${credential}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function operator(method: string, path: string, body?: object): Promise<Record<string, unknown>> {
    const answer = await call(hangar.adminKey, method, path, body);
    assert.ok(answer.status < 300, `${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  async function signIn(email: string, password = PASSWORD): Promise<Answer> {
    return call(undefined, 'POST', '/admin/sessions', { email, password });
  }

  const deployment = (name: string) => ({
    name,
    model: 'gpt-4o',
    backends: [{ connection: 'vendor', model: 'gpt-4o' }],
  });

  before(async () => {
    emulator = await startOpenAiStyleEmulator({ flavor: 'openai' });
    hangar = await startHangar({
      yaml: `connections:\n  - name: vendor\n    provider: openai\n    base_url: ${emulator.baseUrl}\n    api_key: ${emulator.apiKey}\n`,
    });
    credentials.set('operator', hangar.adminKey);
    const alpha = await operator('POST', '/admin/projects', { name: 'alpha' });
    await operator('POST', '/admin/projects', { name: 'beta' });
    credentials.set('inference-key', (alpha.keys as { key1: string }).key1);
    for (const project of ['alpha', 'beta']) {
      await operator('POST', `/admin/projects/${project}/deployments`, deployment('chat'));
    }

    const people: [string, string | null, string][] = [
      ['platform-admin', null, 'platform@example.com'],
      ['owner', 'owner', 'owner@example.com'],
      ['contributor', 'contributor', 'contributor@example.com'],
      ['reader', 'reader', 'reader@example.com'],
      ['outsider', null, 'outsider@example.com'],
    ];
    for (const [caller, role, email] of people) {
      await operator('POST', '/admin/users', {
        email,
        password: PASSWORD,
        platform_admin: caller === 'platform-admin',
      });
      if (role !== null) await operator('PUT', `/admin/projects/alpha/members/${email}`, { role });
    }
    // The outsider owns the other project: a member of something, just not of alpha.
    await operator('PUT', '/admin/projects/beta/members/outsider@example.com', { role: 'owner' });
    for (const [caller, , email] of people) {
      const session = await signIn(email);
      assert.equal(session.status, 201, JSON.stringify(session.body));
      credentials.set(caller, session.body.token as string);
    }
    const adminKey = await call(credentials.get('owner'), 'POST', '/admin/projects/alpha/keys', {
      name: 'automation',
      scope: 'admin',
      role: 'contributor',
    });
    assert.equal(adminKey.status, 201, JSON.stringify(adminKey.body));
    credentials.set('admin-key', adminKey.body.key as string);
  });
  after(async () => {
    await hangar?.close();
    await emulator?.close();
  });

  /** What each caller holds on project alpha; 'platform' stands above every role. */
  const RANK: Record<string, number> = {
    'platform-admin': 4,
    operator: 4,
    owner: 3,
    contributor: 2,
    'admin-key': 2,
    reader: 1,
    outsider: 0,
    'inference-key': -1,
  };
  const NEEDED = { reader: 1, contributor: 2, owner: 3, platform: 4 } as const;

  interface Target {
    path: string;
    body?: object;
  }

  interface Case {
    method: string;
    /** Builds the path (and creates what it names) fresh for each caller, so every allowed call can succeed. */
    setup: () => Target | Promise<Target>;
    needs: keyof typeof NEEDED | 'signed-in';
  }

  const CASES: Record<string, Case> = {
    'list deployments': {
      method: 'GET',
      setup: () => ({ path: '/admin/projects/alpha/deployments' }),
      needs: 'reader',
    },
    'create a deployment': {
      method: 'POST',
      setup: () => ({ path: '/admin/projects/alpha/deployments', body: deployment(unique('created')) }),
      needs: 'contributor',
    },
    'remove a deployment': {
      method: 'DELETE',
      setup: async () => {
        const name = unique('doomed');
        await operator('POST', '/admin/projects/alpha/deployments', deployment(name));
        return { path: `/admin/projects/alpha/deployments/${name}` };
      },
      needs: 'contributor',
    },
    'list keys': { method: 'GET', setup: () => ({ path: '/admin/projects/alpha/keys' }), needs: 'reader' },
    'create an inference key': {
      method: 'POST',
      setup: () => ({ path: '/admin/projects/alpha/keys', body: { name: unique('key') } }),
      needs: 'contributor',
    },
    'regenerate a key': {
      method: 'POST',
      setup: async () => {
        const name = unique('rotated');
        await operator('POST', '/admin/projects/alpha/keys', { name });
        return { path: `/admin/projects/alpha/keys/${name}/regenerate` };
      },
      needs: 'contributor',
    },
    'list members': { method: 'GET', setup: () => ({ path: '/admin/projects/alpha/members' }), needs: 'reader' },
    'add a member': {
      method: 'PUT',
      setup: async () => {
        const email = `${unique('member')}@example.com`;
        await operator('POST', '/admin/users', { email, password: PASSWORD });
        return { path: `/admin/projects/alpha/members/${email}`, body: { role: 'reader' } };
      },
      needs: 'owner',
    },
    'read quota grants': {
      method: 'GET',
      setup: () => ({ path: '/admin/projects/alpha/quotas' }),
      needs: 'reader',
    },
    'grant quota': {
      method: 'PUT',
      setup: () => ({ path: '/admin/projects/alpha/quotas/gpt-4o', body: { tpm: 1_000_000 } }),
      needs: 'platform',
    },
    'list connections': { method: 'GET', setup: () => ({ path: '/admin/connections' }), needs: 'platform' },
    'add a project': {
      method: 'POST',
      setup: () => ({ path: '/admin/projects', body: { name: unique('project') } }),
      needs: 'platform',
    },
    'list users': { method: 'GET', setup: () => ({ path: '/admin/users' }), needs: 'platform' },
    'see the engine': { method: 'GET', setup: () => ({ path: '/admin/engine' }), needs: 'platform' },
    'search the catalog': { method: 'GET', setup: () => ({ path: '/admin/catalog/models' }), needs: 'signed-in' },
    'read project usage': {
      method: 'GET',
      setup: () => ({ path: '/admin/projects/alpha/usage?group_by=key' }),
      needs: 'reader',
    },
    'read platform usage': { method: 'GET', setup: () => ({ path: '/admin/usage' }), needs: 'platform' },
    'audit usage': { method: 'GET', setup: () => ({ path: '/admin/usage/reconciliation' }), needs: 'platform' },
    'read price overrides': { method: 'GET', setup: () => ({ path: '/admin/projects/alpha/prices' }), needs: 'reader' },
    'read the price in effect': {
      method: 'GET',
      setup: () => ({ path: '/admin/projects/alpha/prices/effective?model=gpt-4o' }),
      needs: 'reader',
    },
    'set a price override': {
      method: 'POST',
      setup: () => ({ path: '/admin/projects/alpha/prices', body: { model: 'gpt-4o', discount_basis_points: 100 } }),
      needs: 'platform',
    },
    'remove a price override': {
      method: 'DELETE',
      setup: async () => {
        const added = await operator('POST', '/admin/projects/alpha/prices', {
          model: 'gpt-4o',
          discount_basis_points: 200,
        });
        return { path: `/admin/projects/alpha/prices/${String(added.id)}` };
      },
      needs: 'platform',
    },
    'list invoices': { method: 'GET', setup: () => ({ path: '/admin/projects/alpha/invoices' }), needs: 'reader' },
    'read an invoice': {
      method: 'GET',
      setup: () => ({ path: '/admin/projects/alpha/invoices/2025-01' }),
      needs: 'reader',
    },
    'close a month': {
      method: 'POST',
      setup: () => ({ path: '/admin/invoices/close?month=2025-01' }),
      needs: 'platform',
    },
  };

  for (const [action, testCase] of Object.entries(CASES)) {
    it(`enforces who may ${action}`, async () => {
      const outcomes: string[] = [];
      for (const [caller, rank] of Object.entries(RANK)) {
        const { path, body } = await testCase.setup();
        const answer = await call(credentials.get(caller), testCase.method, path, body);
        let expected: number;
        if (rank < 0)
          expected = 403; // An inference key is refused by the admin API outright.
        else if (testCase.needs === 'signed-in') expected = 200;
        else if (testCase.needs === 'platform') expected = rank >= NEEDED.platform ? 200 : 403;
        else if (rank === 0)
          expected = 404; // Outsiders learn nothing about alpha, not even that it exists.
        else expected = rank >= NEEDED[testCase.needs] ? 200 : 403;
        const allowed = answer.status >= 200 && answer.status < 300;
        const matches = expected === 200 ? allowed : answer.status === expected;
        outcomes.push(
          `${caller}: ${answer.status}${matches ? '' : ` (expected ${expected}) ${JSON.stringify(answer.body)}`}`,
        );
        if (!allowed) {
          const error = answer.body.error as { code: string; message: string };
          assert.equal(error.code, expected === 404 ? 'not_found' : 'permission_denied');
          if (expected === 403 && rank > 0 && testCase.needs !== 'platform') {
            assert.match(error.message, /needs the \w+ role on project 'alpha'/);
          }
        }
      }
      assert.ok(
        outcomes.every((outcome) => !outcome.includes('expected')),
        `${action}:\n${outcomes.join('\n')}`,
      );
    });
  }

  it('shows each caller only the projects they hold a role on', async () => {
    const names = async (caller: string) =>
      ((await call(credentials.get(caller), 'GET', '/admin/projects')).body.data as { name: string }[])
        .map((project) => project.name)
        .filter((name) => name === 'alpha' || name === 'beta');
    assert.deepEqual(await names('reader'), ['alpha']);
    assert.deepEqual(await names('admin-key'), ['alpha']);
    assert.deepEqual(await names('outsider'), ['beta']);
    assert.deepEqual(await names('platform-admin'), ['alpha', 'beta']);
  });

  it('lets no member or key of alpha read or change anything of beta, and leaves beta as it was', async () => {
    const snapshot = async () =>
      JSON.stringify(
        await Promise.all(
          ['deployments', 'keys', 'members', 'quotas'].map((part) => operator('GET', `/admin/projects/beta/${part}`)),
        ),
      );
    const before = await snapshot();
    const attempts: [string, string, object?][] = [
      ['GET', '/admin/projects/beta/deployments'],
      ['POST', '/admin/projects/beta/deployments', deployment('intruder')],
      ['DELETE', '/admin/projects/beta/deployments/chat'],
      ['GET', '/admin/projects/beta/keys'],
      ['POST', '/admin/projects/beta/keys', { name: 'intruder' }],
      ['POST', '/admin/projects/beta/keys/key1/regenerate'],
      ['DELETE', '/admin/projects/beta/keys/key2'],
      ['GET', '/admin/projects/beta/members'],
      ['PUT', '/admin/projects/beta/members/reader@example.com', { role: 'owner' }],
      ['DELETE', '/admin/projects/beta/members/outsider@example.com'],
      ['GET', '/admin/projects/beta/quotas'],
      ['DELETE', '/admin/projects/beta'],
    ];
    for (const caller of ['owner', 'contributor', 'reader', 'admin-key']) {
      for (const [method, path, body] of attempts) {
        const answer = await call(credentials.get(caller), method, path, body);
        assert.ok(
          answer.status === 404 || answer.status === 403,
          `${caller} ${method} ${path} answered ${answer.status} ${JSON.stringify(answer.body)}`,
        );
        assert.doesNotMatch(JSON.stringify(answer.body), /hgr_|prefix/, 'nothing of beta leaks into the error');
      }
    }
    assert.equal(await snapshot(), before);

    // Inference is isolated the same way: alpha's key does not reach beta's deployment of the same name.
    const beta = await operator('POST', '/admin/projects/beta/keys', { name: 'beta-only' });
    const alphaClient = new OpenAI({
      baseURL: `${hangar.url}/v1`,
      apiKey: credentials.get('inference-key'),
      maxRetries: 0,
    });
    const betaClient = new OpenAI({ baseURL: `${hangar.url}/v1`, apiKey: beta.key as string, maxRetries: 0 });
    await operator('DELETE', '/admin/projects/alpha/deployments/chat');
    await assert.rejects(
      alphaClient.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] }),
      (error: unknown) => error instanceof OpenAI.NotFoundError,
    );
    const answer = await betaClient.chat.completions.create({
      model: 'chat',
      messages: [{ role: 'user', content: 'hi' }],
    });
    assert.ok(answer.choices.length > 0);
  });

  it('keeps a Contributor from minting or rotating a key stronger than itself', async () => {
    const contributor = credentials.get('contributor');
    const mint = await call(contributor, 'POST', '/admin/projects/alpha/keys', {
      name: unique('strong'),
      scope: 'admin',
      role: 'owner',
    });
    assert.equal(mint.status, 403);
    assert.match((mint.body.error as { message: string }).message, /Owner role/);
    const ownerKey = await operator('POST', '/admin/projects/alpha/keys', {
      name: unique('owner-key'),
      scope: 'admin',
      role: 'owner',
    });
    const rotate = await call(contributor, 'POST', `/admin/projects/alpha/keys/${ownerKey.name as string}/regenerate`);
    assert.equal(rotate.status, 403);
    const same = await call(contributor, 'POST', '/admin/projects/alpha/keys', {
      name: unique('peer'),
      scope: 'admin',
      role: 'contributor',
    });
    assert.equal(same.status, 201);
    const missingRole = await call(contributor, 'POST', '/admin/projects/alpha/keys', {
      name: unique('x'),
      scope: 'admin',
    });
    assert.equal(missingRole.status, 400);
    assert.match((missingRole.body.error as { message: string }).message, /role .*needed for a key with scope admin/);
  });

  it('leaves provisioned deployments, which hold shared capacity, to platform admins', async () => {
    const provisioned = { ...deployment(unique('reserved')), type: 'provisioned', tpm: 1_000 };
    const refused = await call(credentials.get('owner'), 'POST', '/admin/projects/alpha/deployments', provisioned);
    assert.equal(refused.status, 403);
    assert.match(
      (refused.body.error as { message: string }).message,
      /Only a platform admin can create or change a provisioned/,
    );
    const created = await call(
      credentials.get('platform-admin'),
      'POST',
      '/admin/projects/alpha/deployments',
      provisioned,
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const changed = await call(
      credentials.get('contributor'),
      'PATCH',
      `/admin/projects/alpha/deployments/${provisioned.name}`,
      {
        tpm: 2_000,
      },
    );
    assert.equal(changed.status, 403);
    const removed = await call(
      credentials.get('contributor'),
      'DELETE',
      `/admin/projects/alpha/deployments/${provisioned.name}`,
    );
    assert.equal(removed.status, 200);
  });

  it('signs people in and out: wrong passwords are refused alike, sign-out and a password change end sessions', async () => {
    const wrong = await signIn('reader@example.com', 'not the password at all');
    const unknown = await signIn('nobody@example.com', 'not the password at all');
    for (const answer of [wrong, unknown]) {
      assert.equal(answer.status, 401);
      assert.deepEqual(answer.body.error, {
        message: 'The email or password is not right, or the user is disabled.',
        type: 'invalid_request_error',
        param: 'password',
        code: 'invalid_credentials',
      });
    }

    const email = `${unique('person')}@example.com`;
    await operator('POST', '/admin/users', { email, password: PASSWORD });
    const first = (await signIn(email.toUpperCase())).body.token as string;
    const second = (await signIn(email)).body.token as string;
    const me = await call(first, 'GET', '/admin/me');
    assert.equal(me.status, 200);
    assert.deepEqual(
      { kind: me.body.kind, email: me.body.email, platform_admin: me.body.platform_admin },
      {
        kind: 'user',
        email,
        platform_admin: false,
      },
    );

    const changed = await call(first, 'PUT', '/admin/me/password', {
      current_password: PASSWORD,
      new_password: 'an even longer passphrase',
    });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal((await call(first, 'GET', '/admin/me')).status, 200, 'the session that changed it stays');
    assert.equal((await call(second, 'GET', '/admin/me')).status, 401, 'other sessions end');
    assert.equal((await signIn(email)).status, 401);
    assert.equal((await signIn(email, 'an even longer passphrase')).status, 201);

    assert.equal((await call(first, 'DELETE', '/admin/sessions/current')).status, 200);
    const after = await call(first, 'GET', '/admin/me');
    assert.equal(after.status, 401);
    assert.match((after.body.error as { message: string }).message, /sign in again/);

    await operator('PATCH', `/admin/users/${email}`, { disabled: true });
    assert.equal((await signIn(email, 'an even longer passphrase')).status, 401);
  });

  it('validates users and members with messages that say what to fix', async () => {
    const short = await call(hangar.adminKey, 'POST', '/admin/users', {
      email: 'short@example.com',
      password: 'short',
    });
    assert.equal(short.status, 400);
    assert.match((short.body.error as { message: string }).message, /password .*at least 12 characters/);
    const badEmail = await call(hangar.adminKey, 'POST', '/admin/users', { email: 'not-an-email', password: PASSWORD });
    assert.match((badEmail.body.error as { message: string }).message, /email 'not-an-email' must be an email address/);
    const badRole = await call(hangar.adminKey, 'PUT', '/admin/projects/alpha/members/reader@example.com', {
      role: 'admin',
    });
    assert.match(
      (badRole.body.error as { message: string }).message,
      /role 'admin' must be one of reader, contributor, owner/,
    );
    const lastOwner = await call(
      credentials.get('outsider'),
      'PUT',
      '/admin/projects/beta/members/outsider@example.com',
      {
        role: 'reader',
      },
    );
    assert.equal(lastOwner.status, 400);
    assert.match((lastOwner.body.error as { message: string }).message, /last owner of project 'beta'/);
  });
});
