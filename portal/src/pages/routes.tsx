import type { ReactNode } from 'react';
import type { SessionState } from '../auth/session-context';
import { AdminConnectionsPage } from './admin/connections-page';
import { AdminModelsPage } from './admin/models-page';
import { AdminPricesPage } from './admin/prices-page';
import { AdminProjectsPage } from './admin/projects-page';
import { AdminQuotasPage } from './admin/quotas-page';
import { MembersPage } from './admin/members-page';
import { BillingPage } from './usage/billing-page';
import { CatalogPage } from './catalog/catalog-page';
import { ComparePage } from './catalog/compare-page';
import { ContentSafetyPage } from './content-safety/content-safety-page';
import { DeploymentPage } from './deployments/deployment-page';
import { DeploymentsPage } from './deployments/deployments-page';
import { KeysPage } from './keys/keys-page';
import { PlaygroundPage } from './playground/playground-page';
import { ServiceLevelsPage } from './service-levels/service-levels-page';
import { UsagePage } from './usage/usage-page';

export interface PageRoute {
  /** `/deployments/:name`; the first route that matches the hash path renders. */
  pattern: string;
  title: string;
  /** In the navigation, linking to `href`; absent: reached from other pages only. */
  nav?: { href: string };
  /** Who may see it; absent: everyone signed in. Pages a role may not use are not offered. */
  visible?: (session: SessionState) => boolean;
  render: (params: Record<string, string>) => ReactNode;
}

const platformAdmin = (session: SessionState) => session.me.platform_admin;
const hasProject = (session: SessionState) => session.project !== null;

export const ROUTES: readonly PageRoute[] = [
  { pattern: '/catalog', title: 'Catalog', nav: { href: '/catalog' }, render: () => <CatalogPage /> },
  { pattern: '/catalog/compare', title: 'Compare models', render: () => <ComparePage /> },
  {
    pattern: '/deployments',
    title: 'Deployments',
    nav: { href: '/deployments' },
    visible: hasProject,
    render: () => <DeploymentsPage />,
  },
  { pattern: '/deployments/:name', title: 'Deployment', render: (params) => <DeploymentPage name={params.name!} /> },
  {
    pattern: '/playground',
    title: 'Playground',
    nav: { href: '/playground' },
    visible: hasProject,
    render: () => <PlaygroundPage />,
  },
  { pattern: '/keys', title: 'Keys', nav: { href: '/keys' }, visible: hasProject, render: () => <KeysPage /> },
  { pattern: '/usage', title: 'Usage', nav: { href: '/usage' }, visible: hasProject, render: () => <UsagePage /> },
  {
    pattern: '/billing',
    title: 'Billing',
    nav: { href: '/billing' },
    visible: hasProject,
    render: () => <BillingPage />,
  },
  {
    pattern: '/service-levels',
    title: 'Service levels',
    nav: { href: '/service-levels' },
    visible: hasProject,
    render: () => <ServiceLevelsPage />,
  },
  {
    pattern: '/content-safety',
    title: 'Content safety',
    nav: { href: '/content-safety' },
    visible: hasProject,
    render: () => <ContentSafetyPage />,
  },
  {
    pattern: '/members',
    title: 'Members',
    nav: { href: '/members' },
    visible: hasProject,
    render: () => <MembersPage />,
  },
  {
    pattern: '/admin/projects',
    title: 'Projects',
    nav: { href: '/admin/projects' },
    visible: platformAdmin,
    render: () => <AdminProjectsPage />,
  },
  {
    pattern: '/admin/connections',
    title: 'Connections',
    nav: { href: '/admin/connections' },
    visible: platformAdmin,
    render: () => <AdminConnectionsPage />,
  },
  {
    pattern: '/admin/quotas',
    title: 'Quotas',
    nav: { href: '/admin/quotas' },
    visible: platformAdmin,
    render: () => <AdminQuotasPage />,
  },
  {
    pattern: '/admin/prices',
    title: 'Prices',
    nav: { href: '/admin/prices' },
    visible: platformAdmin,
    render: () => <AdminPricesPage />,
  },
  {
    pattern: '/admin/models',
    title: 'Local models',
    nav: { href: '/admin/models' },
    visible: platformAdmin,
    render: () => <AdminModelsPage />,
  },
];
