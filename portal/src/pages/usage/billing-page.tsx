import { useSession } from '../../auth/session-context';
import { Empty, PageHeader } from '../../components/ui';
import { BudgetsSection } from './budgets-section';
import { InvoicesSection } from './invoices-section';
import { PriceCardSection } from './price-card-section';

/** Budgets with this month's spend and alerts, invoices by month, and the prices in effect, for one project. */
export function BillingPage() {
  const { project } = useSession();
  return (
    <div className="metering-page">
      <PageHeader title="Billing" />
      {project === null ? (
        <Empty>There is no project yet, so there are no budgets or invoices to show.</Empty>
      ) : (
        <div key={project} className="stack">
          <BudgetsSection project={project} />
          <InvoicesSection project={project} />
          <PriceCardSection project={project} />
        </div>
      )}
    </div>
  );
}
