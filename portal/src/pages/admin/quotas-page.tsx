import { PageHeader } from '../../components/ui';

// Placeholder until the page is built.
export function AdminQuotasPage() {
  return <PageHeader title="AdminQuotasPage" />;
}
