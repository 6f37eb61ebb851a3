import { PageHeader } from '../../components/ui';

// Placeholder until the page is built.
export function ContentSafetyPage() {
  return <PageHeader title="ContentSafetyPage" />;
}
