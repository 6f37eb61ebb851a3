import { PageHeader } from '../../components/ui';

// Placeholder until the page is built.
export function ComparePage() {
  return <PageHeader title="ComparePage" />;
}
