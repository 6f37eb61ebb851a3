import { PageHeader } from '../../components/ui';

// Placeholder until the page is built.
export function AdminModelsPage() {
  return <PageHeader title="AdminModelsPage" />;
}
