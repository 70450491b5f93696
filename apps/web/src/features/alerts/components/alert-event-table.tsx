import { formatDateTime } from '../../../shared/format/format';
import { Table, Td, Th } from '../../../shared/ui/table';
import type { AlertEvent } from '../api/alert-rules.api';

/** The newest alerts the caller's rules raised, with the message that went out. */
export function AlertEventTable({ events }: { events: readonly AlertEvent[] }) {
  return (
    <Table aria-label="Recent alert events" data-testid="alert-events" data-count={events.length}>
      <thead>
        <tr>
          <Th>Data time</Th>
          <Th>Rule</Th>
          <Th>Symbol</Th>
          <Th>Alert</Th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr key={event.id} data-testid="alert-event-row">
            <Td className="text-xs whitespace-nowrap text-slate-600">{formatDateTime(event.at)}</Td>
            <Td className="text-xs">{event.rule}</Td>
            <Td className="font-mono text-xs">{event.symbol}</Td>
            <Td className="text-xs break-words">{event.message}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
