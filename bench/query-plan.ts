// The SQL floor of an operation: the fetches its query plan makes of each subgraph. A subgraph
// answering one fetch with one statement is as good as batching gets.
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { type PlanNode, QueryPlanner } from '@apollo/query-planner';
import { parse } from 'graphql';

export type FetchCounts = Record<string, number>;

export interface OperationPlanner {
  /** Fetches per subgraph in the plan the gateway makes for this operation. */
  fetchesPerSubgraph(operation: string): FetchCounts;
}

export function operationPlanner(supergraphSdl: string): OperationPlanner {
  const supergraph = Supergraph.build(supergraphSdl);
  const planner = new QueryPlanner(supergraph);
  return {
    fetchesPerSubgraph(operation) {
      const plan = planner.buildQueryPlan(operationFromDocument(supergraph.schema, parse(operation)));
      const counts: FetchCounts = {};
      if (plan.node && plan.node.kind !== 'Subscription') countFetches(plan.node, counts);
      return counts;
    },
  };
}

function countFetches(node: PlanNode, counts: FetchCounts): void {
  switch (node.kind) {
    case 'Fetch':
      counts[node.serviceName] = (counts[node.serviceName] ?? 0) + 1;
      return;
    case 'Flatten':
      countFetches(node.node, counts);
      return;
    case 'Sequence':
    case 'Parallel':
      for (const child of node.nodes) countFetches(child, counts);
      return;
    case 'Condition':
      if (node.ifClause) countFetches(node.ifClause, counts);
      if (node.elseClause) countFetches(node.elseClause, counts);
      return;
    case 'Defer':
      if (node.primary.node) countFetches(node.primary.node, counts);
      for (const deferred of node.deferred) if (deferred.node) countFetches(deferred.node, counts);
      return;
  }
}
