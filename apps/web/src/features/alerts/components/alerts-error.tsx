import { describeAlertsError } from '../model/describe-alerts-error';

interface AlertsErrorProps {
  error: unknown;
  title: string;
  /** The rule editor's labels for its params. */
  paramLabels?: Readonly<Record<string, string>>;
  testId?: string;
}

/** A refused request in words: a friendly sentence for known codes, then the server's reason or each field. */
export function AlertsError({ error, title, paramLabels, testId }: AlertsErrorProps) {
  const { message, details } = describeAlertsError(error, paramLabels);
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
