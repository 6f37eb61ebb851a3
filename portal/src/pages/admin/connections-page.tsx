import { PageHeader } from '../../components/ui';

// Placeholder until the page is built.
export function AdminConnectionsPage() {
  return <PageHeader title="AdminConnectionsPage" />;
}
