import { PageHeader } from '../../components/ui';

// Placeholder until the page is built.
export function DeploymentPage(props: { name: string }) {
  return <PageHeader title={props.name} />;
}
