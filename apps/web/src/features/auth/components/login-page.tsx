import { loginRequestSchema, setupRequestSchema } from '@marketlens/contracts';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../../../shared/api/use-session';
import { ErrorNotice, Loading } from '../../../shared/ui/states';
import { useLogin, useSetup, useSetupStatus } from '../api/auth.api';
import { CredentialsForm, type Credentials } from './credentials-form';

/** First zod issue as "field: message", for inline feedback before a round trip. */
function firstProblem(schema: typeof loginRequestSchema | typeof setupRequestSchema, value: Credentials) {
  const parsed = schema.safeParse(value);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? 'input');
  return `${field[0]?.toUpperCase()}${field.slice(1)}: ${issue?.message ?? 'invalid'}`;
}

export function LoginPage() {
  const state = useSession();
  const location = useLocation();
  const setupStatus = useSetupStatus();
  const login = useLogin();
  const setup = useSetup();

  if (state.status === 'authenticated') {
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from && from !== '/login' ? from : '/data'} replace />;
  }

  const needsSetup = setupStatus.data?.needsSetup === true;

  return (
    <main className="flex min-h-full items-center justify-center bg-gradient-to-br from-slate-900 via-slate-800 to-slate-900 p-6">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2 text-white">
          <span className="grid size-8 place-items-center rounded-md bg-emerald-400/15 text-lg font-bold text-emerald-300">
            ◆
          </span>
          <span className="text-xl font-semibold tracking-tight">MarketLens</span>
        </div>
        <div className="rounded-xl bg-white p-6 shadow-2xl ring-1 ring-black/5">
          {setupStatus.isPending ? (
            <Loading label="Checking the server…" />
          ) : setupStatus.isError ? (
            <ErrorNotice
              error={setupStatus.error}
              title="Cannot reach MarketLens"
              onRetry={() => void setupStatus.refetch()}
            />
          ) : needsSetup ? (
            <>
              <h1 className="text-lg font-semibold">Create the first admin</h1>
              <p className="mb-5 text-sm text-slate-500">No user exists yet. This account becomes the administrator.</p>
              <CredentialsForm
                submitLabel="Create admin and sign in"
                pending={setup.isPending}
                error={setup.error}
                validate={(value) => firstProblem(setupRequestSchema, value)}
                onSubmit={(value) => setup.mutate(value)}
                passwordHint="At least 10 characters."
                autoCompletePassword="new-password"
              />
            </>
          ) : (
            <>
              <h1 className="text-lg font-semibold">Sign in</h1>
              <p className="mb-5 text-sm text-slate-500">Use the account your administrator created.</p>
              <CredentialsForm
                submitLabel="Sign in"
                pending={login.isPending}
                error={login.error}
                validate={(value) => firstProblem(loginRequestSchema, value)}
                onSubmit={(value) => login.mutate(value)}
                autoCompletePassword="current-password"
              />
            </>
          )}
        </div>
      </div>
    </main>
  );
}
