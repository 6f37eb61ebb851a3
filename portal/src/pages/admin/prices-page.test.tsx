import '../../testing/install-dom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeFetch } from '../../testing/install-dom';
import { AdminPricesPage } from './prices-page';
import { PLATFORM_ADMIN, renderSignedIn, sessionRoutes } from '../../testing/render-signed-in';

const DISCOUNT = {
  object: 'price_override',
  id: 'pro_1',
  project: 'team',
  model: 'gpt-4o',
  deployment_type: null,
  usd_per_million_tokens: null,
  discount_basis_points: 1500,
  effective_from: '2026-11-01T00:00:00Z',
  effective_to: null,
  created_at: '2026-11-01T00:00:00Z',
};

const rates = { input: 2.125, cached_input: 1.0625, cache_write_input: 2.125, output: 8.5, reasoning: 8.5 };
const CARD = {
  object: 'price_card',
  project: 'team',
  model: 'gpt-4o',
  deployment_type: 'global-standard',
  at: '2026-11-23T00:00:00Z',
  version: 'override:pro_1+catalog:gpt-4o:global-standard@2026-04-01',
  origin: 'override',
  priced_as_deployment_type: 'global-standard',
  sold_by: 'azure',
  source: null,
  override_id: 'pro_1',
  effective_from: '2026-11-01T00:00:00Z',
  effective_to: null,
  discount_basis_points: 1500,
  usd_per_million_tokens: rates,
  tiers: [{ prompt_tokens_above: 0, version: 'override:pro_1', usd_per_million_tokens: rates }],
};

const routes = (extra: Record<string, unknown> = {}) => ({
  ...sessionRoutes(PLATFORM_ADMIN),
  'GET /admin/projects/team/prices': { object: 'list', data: [DISCOUNT] },
  'GET /admin/catalog/models': { object: 'list', data: [{ id: 'gpt-4o' }] },
  'GET /admin/projects/team/prices/effective?model=gpt-4o&deployment_type=global-standard': CARD,
  ...extra,
});

describe('prices page', () => {
  afterEach(() => {
    cleanup();
    sessionStorage.clear();
  });

  it('lists overrides and shows the card in effect', async () => {
    const fake = fakeFetch(routes());
    try {
      await renderSignedIn(<AdminPricesPage />);
      await screen.findByText('15 % off the catalog');
      fireEvent.click(screen.getByRole('button', { name: 'Show the card in effect for gpt-4o' }));
      await screen.findByText('override:pro_1+catalog:gpt-4o:global-standard@2026-04-01');
      assert.ok(screen.getByText('15 % off'));
      assert.ok(screen.getAllByText('$2.125').length > 0);
      assert.ok(screen.getAllByText('$8.50').length > 0);
    } finally {
      fake.restore();
    }
  });

  it('adds explicit prices, and a discount, as the API takes them', async () => {
    const fake = fakeFetch(
      routes({ 'POST /admin/projects/team/prices': (body: unknown) => ({ ...DISCOUNT, ...(body as object) }) }),
    );
    try {
      await renderSignedIn(<AdminPricesPage />);
      const form = await screen.findByRole('form', { name: 'Add a price override' });
      fireEvent.change(within(form).getByLabelText('Model'), { target: { value: 'gpt-4o' } });
      fireEvent.change(within(form).getByLabelText('Deployment type'), { target: { value: 'standard' } });
      fireEvent.change(within(form).getByLabelText('Input ($ per 1M)'), { target: { value: '2.00' } });
      fireEvent.change(within(form).getByLabelText('Output ($ per 1M)'), { target: { value: '8' } });
      fireEvent.change(within(form).getByLabelText('Effective from'), { target: { value: '2026-12-01' } });
      fireEvent.click(within(form).getByRole('button', { name: 'Add override' }));
      await waitFor(() => assert.equal(fake.calls.filter((call) => call.method === 'POST').length, 1));

      fireEvent.change(within(form).getByLabelText('Model'), { target: { value: 'gpt-4o' } });
      fireEvent.click(within(form).getByLabelText('Discount off the catalog'));
      fireEvent.change(within(form).getByLabelText('Discount (%)'), { target: { value: '12.5' } });
      fireEvent.click(within(form).getByRole('button', { name: 'Add override' }));
      await waitFor(() => assert.equal(fake.calls.filter((call) => call.method === 'POST').length, 2));

      assert.deepEqual(
        fake.calls.filter((call) => call.method === 'POST').map((call) => call.body),
        [
          {
            model: 'gpt-4o',
            deployment_type: 'standard',
            usd_per_million_tokens: { input: '2.00', output: '8' },
            effective_from: '2026-12-01',
          },
          { model: 'gpt-4o', deployment_type: 'standard', discount_basis_points: 1250, effective_from: '2026-12-01' },
        ],
      );
    } finally {
      fake.restore();
    }
  });

  it('removes an override after confirmation', async () => {
    const fake = fakeFetch(
      routes({
        'DELETE /admin/projects/team/prices/pro_1': {
          object: 'price_override',
          project: 'team',
          id: 'pro_1',
          deleted: true,
        },
      }),
    );
    try {
      await renderSignedIn(<AdminPricesPage />);
      fireEvent.click(await screen.findByRole('button', { name: 'Remove the override for gpt-4o' }));
      const dialog = await screen.findByRole('dialog', { name: 'Remove price override' });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
      await waitFor(() => assert.ok(fake.calls.some((call) => call.method === 'DELETE')));
    } finally {
      fake.restore();
    }
  });
});
