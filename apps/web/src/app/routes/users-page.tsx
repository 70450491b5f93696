import { Navigate } from 'react-router';
import { CreateUserForm } from '../../features/users/components/create-user-form';
import { UsersTable } from '../../features/users/components/users-table';
import { hasRole, useSession } from '../../shared/api/use-session';
import { PageHeader, Panel } from '../../shared/ui/panel';

export default function UsersPage() {
  const { user } = useSession();
  if (!user) return null;
  if (!hasRole(user.role, 'admin')) return <Navigate to="/data" replace />;
  return (
    <>
      <PageHeader title="Users" description="Who can sign in, and with which role." />
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,1fr)_20rem]">
        <Panel title="All users">
          <UsersTable currentUserId={user.id} />
        </Panel>
        <Panel title="Create user" className="self-start">
          <CreateUserForm />
        </Panel>
      </div>
    </>
  );
}
