import { roleSchema, type Role, type User } from '@marketlens/contracts';
import { formatDateTime } from '../../../shared/format/format';
import { Badge } from '../../../shared/ui/badge';
import { Button } from '../../../shared/ui/button';
import { Select } from '../../../shared/ui/field';
import { EmptyState, ErrorNotice, Loading } from '../../../shared/ui/states';
import { Table, Td, Th } from '../../../shared/ui/table';
import { useUpdateUser, useUsers } from '../api/users.api';

/** `currentUserId` guards against an admin demoting or disabling themselves by accident. */
export function UsersTable({ currentUserId }: { currentUserId: string }) {
  const users = useUsers();
  const update = useUpdateUser();

  if (users.isPending) return <Loading />;
  if (users.isError) return <ErrorNotice error={users.error} onRetry={() => void users.refetch()} />;
  if (users.data.users.length === 0) return <EmptyState title="No users" />;

  return (
    <div className="flex flex-col gap-3">
      {update.isError ? <ErrorNotice error={update.error} title="Could not update the user" /> : null}
      <Table aria-label="Users">
        <thead>
          <tr>
            <Th>Email</Th>
            <Th>Role</Th>
            <Th>Status</Th>
            <Th>Created</Th>
            <Th>Last login</Th>
            <Th className="text-right">Actions</Th>
          </tr>
        </thead>
        <tbody>
          {users.data.users.map((user: User) => {
            const self = user.id === currentUserId;
            const busy = update.isPending && update.variables?.id === user.id;
            return (
              <tr key={user.id} data-testid={`user-row-${user.email}`} className="hover:bg-slate-50">
                <Td className="font-medium">
                  {user.email} {self ? <span className="text-xs text-slate-400">(you)</span> : null}
                </Td>
                <Td>
                  <Select
                    aria-label={`Role of ${user.email}`}
                    // A floor, not a width: Select's w-full resolves to 0 in an auto-width table cell, which cut
                    // the options to "ad" / "an"; 7rem shows "analyst", the longest role, in full.
                    className="min-w-28 py-1 text-xs"
                    value={user.role}
                    disabled={self || busy}
                    onChange={(e) => update.mutate({ id: user.id, role: e.target.value as Role })}
                  >
                    {roleSchema.options.map((r) => (
                      <option key={r}>{r}</option>
                    ))}
                  </Select>
                </Td>
                <Td>{user.disabled ? <Badge tone="danger">disabled</Badge> : <Badge tone="success">active</Badge>}</Td>
                <Td className="whitespace-nowrap text-slate-600">{formatDateTime(user.createdAt)}</Td>
                <Td className="whitespace-nowrap text-slate-600">{formatDateTime(user.lastLoginAt)}</Td>
                <Td className="text-right">
                  <Button
                    size="sm"
                    variant={user.disabled ? 'secondary' : 'danger'}
                    disabled={self || busy}
                    onClick={() => update.mutate({ id: user.id, disabled: !user.disabled })}
                  >
                    {user.disabled ? 'Enable' : 'Disable'}
                  </Button>
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
    </div>
  );
}
