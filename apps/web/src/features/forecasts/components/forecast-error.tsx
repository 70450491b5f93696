import { describeForecastError } from '../model/describe-forecast-error';

/** A forecast or training failure in words (never a code or a stack). */
export function ForecastError({ error, testId = 'forecast-error' }: { error: unknown; testId?: string }) {
  const { title, message, details } = describeForecastError(error);
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
