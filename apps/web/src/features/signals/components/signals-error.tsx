import { describeSignalsError } from '../model/describe-signals-error';

/** A refused request in words (backtest, deployment, save): the server's message and each invalid field. */
export function SignalsError({ error, title, testId }: { error: unknown; title: string; testId?: string }) {
  const { message, details } = describeSignalsError(error);
  return (
    <div
      role="alert"
      data-testid={testId}
      className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2.5 text-sm text-rose-800"
    >
      <p className="font-semibold">{title}</p>
      <p>{message}</p>
      {details.length > 0 ? (
        <ul className="mt-1 list-disc pl-5 text-xs">
          {details.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
