import { PageHeader } from '../../components/ui';

// Placeholder until the page is built.
export function MembersPage() {
  return <PageHeader title="MembersPage" />;
}
