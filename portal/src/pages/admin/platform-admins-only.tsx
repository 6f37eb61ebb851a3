import { ErrorNote, PageHeader } from '../../components/ui';

/** What a page for platform admins shows anyone else: its title and who may use it. */
export function PlatformAdminsOnly(props: { title: string; message: string }) {
  return (
    <div className="area-admin">
      <PageHeader title={props.title} />
      <ErrorNote error={props.message} />
    </div>
  );
}
