import { PageHeader } from '../../components/ui';

// Placeholder until the page is built.
export function BillingPage() {
  return <PageHeader title="BillingPage" />;
}
