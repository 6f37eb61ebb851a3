import type { ListAnswer } from '../../api/client';
import { useApi, useSession } from '../../auth/session-context';
import { Empty, ErrorNote, Loading, PageHeader } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { CurrentLevels } from './current-levels';
import { DeploymentTrends } from './deployment-trends';
import { SlaReportSection } from './sla-report-section';
import type { DeploymentName } from './slo-types';

/** Per deployment of the project: availability and latency now and over time, and the monthly SLA report. */
export function ServiceLevelsPage() {
  const { project } = useSession();
  return (
    <div className="metering-page">
      <PageHeader title="Service levels" />
      {project === null ? (
        <Empty>There is no project yet, so there are no service levels to show.</Empty>
      ) : (
        <ProjectServiceLevels key={project} project={project} />
      )}
    </div>
  );
}

function ProjectServiceLevels(props: { project: string }) {
  const api = useApi();
  const deployments = useLoad(
    (signal) =>
      api<ListAnswer<DeploymentName>>(`/admin/projects/${encodeURIComponent(props.project)}/deployments`, { signal }),
    [props.project],
  );
  if (deployments.loading && deployments.data === undefined) return <Loading what="deployments" />;
  if (deployments.error !== undefined)
    return <ErrorNote error={deployments.error} retry={() => deployments.reload()} />;
  const list = deployments.data?.data ?? [];
  return (
    <div className="stack">
      {list.length === 0 ? (
        <Empty>
          The project has no deployments yet, so there are no service levels to watch.{' '}
          <a href="#/deployments">Deploy a model</a>.
        </Empty>
      ) : (
        <>
          <CurrentLevels project={props.project} deployments={list} />
          <DeploymentTrends project={props.project} deployments={list} />
        </>
      )}
      <SlaReportSection project={props.project} />
    </div>
  );
}
