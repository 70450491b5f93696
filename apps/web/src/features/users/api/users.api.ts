import { userListSchema, userSchema, type CreateUserRequest, type Role } from '@marketlens/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/api';

const USERS_QUERY_KEY = ['users'] as const;

export function useUsers() {
  return useQuery({ queryKey: USERS_QUERY_KEY, queryFn: () => api.request('/users', userListSchema) });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserRequest) => api.request('/users', userSchema, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS_QUERY_KEY }),
  });
}

export interface UserUpdate {
  id: string;
  role?: Role;
  disabled?: boolean;
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UserUpdate) =>
      api.request(`/users/${encodeURIComponent(id)}`, userSchema, { method: 'PATCH', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS_QUERY_KEY }),
  });
}
