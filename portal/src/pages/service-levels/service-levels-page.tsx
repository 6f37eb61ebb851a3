import { PageHeader } from '../../components/ui';

// Placeholder until the page is built.
export function ServiceLevelsPage() {
  return <PageHeader title="ServiceLevelsPage" />;
}
