import { parser } from '@prometheus-io/lezer-promql';

/**
 * Metric names a PromQL expression reads, found with Prometheus' own grammar (the one its web UI uses), so
 * function names, `by (...)` labels, label values and keywords never pass for metrics.
 * `{__name__="x"}` selectors count as reading x.
 */
export function metricNames(expr: string): string[] {
  const names = new Set<string>();
  const tree = parser.parse(expr);
  tree.iterate({
    enter(node) {
      if (node.name === 'VectorSelector') {
        const identifier = node.node.getChild('Identifier');
        if (identifier) names.add(expr.slice(identifier.from, identifier.to));
      }
      if (node.name === 'UnquotedLabelMatcher') {
        const label = node.node.getChild('LabelName');
        const value = node.node.getChild('StringLiteral');
        if (label && value && expr.slice(label.from, label.to) === '__name__') {
          names.add(expr.slice(value.from + 1, value.to - 1));
        }
      }
    },
  });
  return [...names];
}

/** Positions where the grammar could not parse the expression (empty when it parses). */
export function promqlSyntaxErrors(expr: string): number[] {
  const errors: number[] = [];
  parser.parse(expr).iterate({
    enter(node) {
      if (node.type.isError) errors.push(node.from);
    },
  });
  return errors;
}

/** A histogram is exported as name_bucket, name_sum and name_count; queries name one of those. */
export function histogramBase(name: string): string | undefined {
  return /^(.*)_(bucket|sum|count)$/.exec(name)?.[1];
}
