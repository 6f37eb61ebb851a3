import { PageHeader } from '../../components/ui';

// Placeholder until the page is built.
export function DeploymentsPage() {
  return <PageHeader title="DeploymentsPage" />;
}
