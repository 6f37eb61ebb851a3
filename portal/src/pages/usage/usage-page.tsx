import { PageHeader } from '../../components/ui';

// Placeholder until the page is built.
export function UsagePage() {
  return <PageHeader title="UsagePage" />;
}
