import type { ApiKey } from '@marketlens/contracts';
import { formatDateTime } from '../../../shared/format/format';
import { Badge } from '../../../shared/ui/badge';
import { Button } from '../../../shared/ui/button';
import { EmptyState, ErrorNotice, Loading } from '../../../shared/ui/states';
import { Table, Td, Th } from '../../../shared/ui/table';
import { useApiKeys, useRevokeApiKey } from '../api/api-keys.api';

function keyStatus(key: ApiKey, now: number) {
  if (key.revokedAt) return <Badge tone="danger">revoked</Badge>;
  if (key.expiresAt && Date.parse(key.expiresAt) <= now) return <Badge tone="warning">expired</Badge>;
  return <Badge tone="success">active</Badge>;
}

/** `currentUserId` marks the caller's own keys; admins also see other users' keys. */
export function ApiKeyTable({ currentUserId }: { currentUserId: string }) {
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();

  if (keys.isPending) return <Loading />;
  if (keys.isError) return <ErrorNotice error={keys.error} onRetry={() => void keys.refetch()} />;
  if (keys.data.apiKeys.length === 0)
    return <EmptyState title="No API keys yet">Create one above for scripts and services.</EmptyState>;

  const now = Date.now();
  const showOwner = keys.data.apiKeys.some((k) => k.userId !== currentUserId);
  return (
    <div className="flex flex-col gap-3">
      {revoke.isError ? <ErrorNotice error={revoke.error} title="Could not revoke the key" /> : null}
      <Table aria-label="API keys">
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Prefix</Th>
            <Th>Role</Th>
            {showOwner ? <Th>Owner</Th> : null}
            <Th>Status</Th>
            <Th>Created</Th>
            <Th>Last used</Th>
            <Th>Expires</Th>
            <Th className="text-right">Actions</Th>
          </tr>
        </thead>
        <tbody>
          {keys.data.apiKeys.map((key) => (
            <tr key={key.id} data-testid={`api-key-row-${key.name}`} className="hover:bg-slate-50">
              <Td className="font-medium">{key.name}</Td>
              <Td className="font-mono text-xs">{key.prefix}…</Td>
              <Td>{key.role}</Td>
              {showOwner ? (
                <Td className="font-mono text-xs text-slate-500">
                  {key.userId === currentUserId ? 'you' : key.userId.slice(0, 8)}
                </Td>
              ) : null}
              <Td>{keyStatus(key, now)}</Td>
              <Td className="whitespace-nowrap text-slate-600">{formatDateTime(key.createdAt)}</Td>
              <Td className="whitespace-nowrap text-slate-600">{formatDateTime(key.lastUsedAt)}</Td>
              <Td className="whitespace-nowrap text-slate-600">
                {key.expiresAt ? formatDateTime(key.expiresAt) : 'never'}
              </Td>
              <Td className="text-right">
                {key.revokedAt ? null : (
                  <Button
                    size="sm"
                    variant="danger"
                    disabled={revoke.isPending && revoke.variables === key.id}
                    onClick={() => {
                      if (window.confirm(`Revoke “${key.name}”? Anything using it stops working immediately.`)) {
                        revoke.mutate(key.id);
                      }
                    }}
                  >
                    Revoke
                  </Button>
                )}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
