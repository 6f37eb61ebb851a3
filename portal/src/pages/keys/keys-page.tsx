import { PageHeader } from '../../components/ui';

// Placeholder until the page is built.
export function KeysPage() {
  return <PageHeader title="KeysPage" />;
}
