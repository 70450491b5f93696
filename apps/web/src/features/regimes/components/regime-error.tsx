import { describeRegimeError } from '../model/describe-regime-error';

/** A run that failed, in words: a rejected request (400/413) or a fit the server gave up on. */
export function RegimeError({ error }: { error: unknown }) {
  const { message, details } = describeRegimeError(error);
  return (
    <div
      role="alert"
      data-testid="regime-error"
      className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2.5 text-sm text-rose-800"
    >
      <p className="font-semibold">The fit did not run.</p>
      <p>{message.charAt(0).toUpperCase() + message.slice(1)}</p>
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
