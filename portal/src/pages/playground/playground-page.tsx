import { PageHeader } from '../../components/ui';

// Placeholder until the page is built.
export function PlaygroundPage() {
  return <PageHeader title="PlaygroundPage" />;
}
