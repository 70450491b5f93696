import { Link } from 'react-router';
import { EmptyState } from '../../shared/ui/states';

export default function NotFoundPage() {
  return (
    <EmptyState title="Page not found">
      <Link to="/data" className="text-sky-700 underline">
        Go to Data
      </Link>
    </EmptyState>
  );
}
