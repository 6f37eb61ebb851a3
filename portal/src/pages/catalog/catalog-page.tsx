import { PageHeader } from '../../components/ui';

// Placeholder until the page is built.
export function CatalogPage() {
  return <PageHeader title="CatalogPage" />;
}
