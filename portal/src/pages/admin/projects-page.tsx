import { PageHeader } from '../../components/ui';

// Placeholder until the page is built.
export function AdminProjectsPage() {
  return <PageHeader title="AdminProjectsPage" />;
}
