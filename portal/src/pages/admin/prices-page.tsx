import { PageHeader } from '../../components/ui';

// Placeholder until the page is built.
export function AdminPricesPage() {
  return <PageHeader title="AdminPricesPage" />;
}
