import '../../testing/install-dom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeFetch } from '../../testing/install-dom';
import { memberMe, renderSignedIn, sessionRoutes } from '../../testing/render-signed-in';
import { ContentSafetyPage } from './content-safety-page';
import { apiError, BUILT_IN_DEFAULT, CODENAMES, DEPLOYMENTS, EVENTS, list, STRICT } from './safety-fixtures';

const BASE = '/admin/projects/team';

const routes = (role: 'reader' | 'contributor', extra: Record<string, unknown> = {}) => ({
  ...sessionRoutes(memberMe(role)),
  [`GET ${BASE}/content-filters`]: list([STRICT, BUILT_IN_DEFAULT]),
  [`GET ${BASE}/deployments`]: list(DEPLOYMENTS),
  [`GET ${BASE}/blocklists`]: list([CODENAMES]),
  ...extra,
});

const policyCard = (name: string): HTMLElement => {
  const article = screen.getByText(name, { selector: 'h3' }).closest('article');
  assert.ok(article instanceof HTMLElement, `a card for policy ${name}`);
  return article;
};

describe('content safety page', () => {
  afterEach(() => {
    cleanup();
    sessionStorage.clear();
  });

  it('shows each policy’s settings and which deployments use it', async () => {
    const fake = fakeFetch(routes('contributor'));
    try {
      await renderSignedIn(<ContentSafetyPage />);
      await screen.findByText('strict', { selector: 'h3' });
      const strict = policyCard('strict');
      assert.match(strict.textContent ?? '', /Used bychat/);
      const hateRow = within(strict).getByText('Hate threshold').closest('tr');
      assert.equal(hateRow?.textContent, 'Hate thresholdlowmedium');
      const emailRow = within(strict).getByText('Email addresses').closest('tr');
      assert.equal(emailRow?.textContent, 'Email addressesredactoff');
      assert.match(within(strict).getByText('Blocklists').closest('tr')?.textContent ?? '', /codenames/);
      // local-chat names no policy, so it gets the default.
      assert.match(policyCard('default').textContent ?? '', /Used bylocal-chat/);
      assert.ok(within(policyCard('default')).getByText('built-in'));
      assert.equal(screen.getByLabelText<HTMLSelectElement>('Policy of local-chat').value, '');
    } finally {
      fake.restore();
    }
  });

  it('creates a project policy from the form with a select per category and kind of personal data', async () => {
    const fake = fakeFetch(
      routes('contributor', {
        [`PUT ${BASE}/content-filters/relaxed`]: (body: unknown) => ({
          ...BUILT_IN_DEFAULT,
          ...(body as object),
          name: 'relaxed',
          scope: 'project',
          built_in: false,
        }),
      }),
    );
    try {
      await renderSignedIn(<ContentSafetyPage />);
      fireEvent.click(await screen.findByRole('button', { name: 'New policy' }));
      fireEvent.change(screen.getByLabelText('Policy name'), { target: { value: 'relaxed' } });
      fireEvent.change(screen.getByLabelText('Hate threshold on the prompt'), { target: { value: 'high' } });
      fireEvent.change(screen.getByLabelText('Violence threshold on the completion'), { target: { value: 'off' } });
      fireEvent.change(screen.getByLabelText('Jailbreak (direct attacks)'), { target: { value: 'annotate' } });
      fireEvent.change(screen.getByLabelText('Email addresses on the prompt'), { target: { value: 'redact' } });
      const onPrompt = screen.getByText('On the prompt').closest('fieldset');
      assert.ok(onPrompt instanceof HTMLElement);
      fireEvent.click(within(onPrompt).getByLabelText('codenames'));
      fireEvent.click(screen.getByRole('button', { name: 'Save policy' }));
      await screen.findByText(/Policy relaxed is saved/);
      const put = fake.calls.find((call) => call.method === 'PUT');
      assert.equal(put?.path, `${BASE}/content-filters/relaxed`);
      const body = put?.body as {
        analyzer: unknown;
        prompt: Record<string, unknown> & { pii: Record<string, string> };
        completion: Record<string, unknown>;
      };
      assert.deepEqual(body.analyzer, { type: 'builtin' });
      assert.equal(body.prompt.hate, 'high');
      assert.equal(body.prompt.jailbreak, 'annotate');
      assert.deepEqual(body.prompt.blocklists, ['codenames']);
      assert.equal(body.prompt.pii.email, 'redact');
      assert.equal(body.completion.violence, 'off');
      assert.equal(body.completion.hate, 'medium', 'untouched settings start from the default policy');
    } finally {
      fake.restore();
    }
  });

  it('shows the API’s message when a policy in use cannot be deleted', async () => {
    const fake = fakeFetch(
      routes('contributor', {
        [`DELETE ${BASE}/content-filters/strict`]: () =>
          apiError(400, "Content-filter policy 'strict' is used by deployment(s) team/chat; give them another."),
      }),
    );
    try {
      await renderSignedIn(<ContentSafetyPage />);
      fireEvent.click(await screen.findByRole('button', { name: 'Delete strict' }));
      const dialog = await screen.findByRole('dialog', { name: 'Delete policy' });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
      await within(dialog).findByText(/is used by deployment\(s\) team\/chat/);
      assert.equal(screen.queryByRole('button', { name: 'Delete default' }), null, 'the built-in default stays');
    } finally {
      fake.restore();
    }
  });

  it('moves a deployment to another policy', async () => {
    const fake = fakeFetch(
      routes('contributor', {
        [`PATCH ${BASE}/deployments/local-chat`]: { ...DEPLOYMENTS[1], content_filter: 'strict' },
      }),
    );
    try {
      await renderSignedIn(<ContentSafetyPage />);
      fireEvent.change(await screen.findByLabelText('Policy of local-chat'), { target: { value: 'strict' } });
      fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
      await waitFor(() =>
        assert.deepEqual(fake.calls.find((call) => call.method === 'PATCH')?.body, { content_filter: 'strict' }),
      );
    } finally {
      fake.restore();
    }
  });

  it('offers a Reader nothing to change', async () => {
    const fake = fakeFetch(routes('reader'));
    try {
      await renderSignedIn(<ContentSafetyPage />);
      await screen.findByText('strict', { selector: 'h3' });
      assert.equal(screen.queryByRole('button', { name: 'New policy' }), null);
      assert.equal(screen.queryByRole('button', { name: /^(Edit|Delete) / }), null);
      assert.equal(screen.queryByLabelText('Policy of chat'), null);
      fireEvent.click(screen.getByRole('tab', { name: 'Blocklists' }));
      await screen.findByText('nightjar');
      assert.equal(screen.queryByRole('button', { name: 'Create blocklist' }), null);
      assert.equal(screen.queryByRole('button', { name: /^Remove / }), null);
    } finally {
      fake.restore();
    }
  });

  it('adds and removes blocklist items, showing the API’s validation message', async () => {
    const fake = fakeFetch(
      routes('contributor', {
        [`PUT ${BASE}/blocklists/codenames`]: (body: unknown) => {
          const items = (body as { items: { pattern: string; regex: boolean }[] }).items;
          const bad = items.findIndex((item) => item.pattern === '(a+)+$');
          if (bad >= 0) {
            return apiError(
              400,
              `items[${bad}].pattern: The regular expression "(a+)+$" is refused because it nests quantifiers.`,
            );
          }
          return { ...CODENAMES, items };
        },
      }),
    );
    try {
      await renderSignedIn(<ContentSafetyPage />);
      const tab = await screen.findByRole('tab', { name: 'Blocklists' });
      fireEvent.click(tab);
      fireEvent.change(await screen.findByLabelText('New item for codenames'), { target: { value: '(a+)+$' } });
      fireEvent.click(screen.getByLabelText('Regular expression'));
      fireEvent.click(screen.getByRole('button', { name: 'Add item' }));
      await screen.findByText(/items\[2\]\.pattern: The regular expression "\(a\+\)\+\$" is refused/);

      fireEvent.click(screen.getByRole('button', { name: 'Remove term nightjar from codenames' }));
      await waitFor(() => {
        const last = fake.calls.filter((call) => call.method === 'PUT').at(-1);
        assert.deepEqual(last?.body, {
          description: 'Internal project names.',
          items: [{ pattern: 'blue[- ]?heron', regex: true }],
        });
      });
    } finally {
      fake.restore();
    }
  });

  it('lists filtered requests with their annotations in words, and pages to older ones', async () => {
    const page = Array.from({ length: 50 }, (_, index) => ({
      ...EVENTS[1]!,
      id: `cfe_page_${index}`,
      at: new Date(Date.UTC(2026, 10, 23, 9, 59 - index)).toISOString(),
    }));
    const fake = fakeFetch(
      routes('reader', {
        [`GET ${BASE}/content-filters/events?limit=50`]: list([...EVENTS, ...page.slice(2)]),
        [`GET ${BASE}/content-filters/events?limit=50&before=${encodeURIComponent(page[49]!.at)}`]: list([]),
      }),
    );
    try {
      await renderSignedIn(<ContentSafetyPage />);
      fireEvent.click(await screen.findByRole('tab', { name: 'Filtered requests' }));
      const blocked = await screen.findByText('Violence: high, filtered');
      assert.equal(blocked.className, 'finding-filtered');
      assert.ok(screen.getAllByText('Personal data (email address): redacted').length > 0);
      assert.ok(screen.getAllByText('Blocklist codenames: matched, filtered').length > 0);
      assert.ok(screen.getAllByText('Violence: low, not filtered').length > 0);
      assert.ok(screen.getByText('Safe: hate, sexual, self-harm; no jailbreak or indirect attack detected'));
      // Text queries: role queries walk the accessibility tree of fifty events slowly.
      fireEvent.click(screen.getByText('Older requests'));
      await waitFor(() => assert.ok(screen.queryByText('Older requests') === null));
      assert.ok(fake.calls.some((call) => call.path.includes('&before=')));
    } finally {
      fake.restore();
    }
  });
});
