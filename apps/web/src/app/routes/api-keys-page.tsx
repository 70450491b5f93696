import { ApiKeyTable } from '../../features/api-keys/components/api-key-table';
import { CreateApiKeyForm } from '../../features/api-keys/components/create-api-key-form';
import { useSession } from '../../shared/api/use-session';
import { PageHeader, Panel } from '../../shared/ui/panel';

export default function ApiKeysPage() {
  const { user } = useSession();
  if (!user) return null;
  return (
    <>
      <PageHeader
        title="API keys"
        description={
          user.role === 'admin'
            ? 'Keys for scripts and services. As an admin you see every user’s keys.'
            : 'Keys for your scripts and services. Send one in the X-API-Key header.'
        }
      />
      <div className="flex flex-col gap-5">
        <Panel title="Create a key">
          <CreateApiKeyForm callerRole={user.role} />
        </Panel>
        <Panel title={user.role === 'admin' ? 'All keys' : 'Your keys'}>
          <ApiKeyTable currentUserId={user.id} />
        </Panel>
      </div>
    </>
  );
}
