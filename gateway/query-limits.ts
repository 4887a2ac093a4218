import { ApolloArmor } from '@escape.tech/graphql-armor';

export interface QueryLimitOptions {
  /**
   * Deepest selection allowed. Default 10: the deepest flagship operation (sites-in-country) is
   * 7 levels; the margin leaves room for real questions, not for trial → sites → site → trials
   * → trial → … chains that multiply rows at every level.
   */
  maxDepth?: number;
  /** Upper bound on graphql-armor's static cost (objects 2, scalars 1, ×1.5 per level). Default 5000. */
  maxCost?: number;
  /** Aliases per operation. Default 15: aliases are the other way to repeat an expensive field. */
  maxAliases?: number;
  /** Tokens per document. Default 2000. */
  maxTokens?: number;
}

/**
 * Validation rules that refuse, before any subgraph is called, an operation that would cost more
 * than one request may. Rows per list are bounded separately (`first` at most 100).
 */
export function queryLimits(options: QueryLimitOptions = {}) {
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: options.maxDepth ?? 10, exposeLimits: true },
    costLimit: { maxCost: options.maxCost ?? 5000, exposeLimits: true },
    maxAliases: { n: options.maxAliases ?? 15, exposeLimits: true },
    // Counted by graphql-js's own parser instead (parseOptions): armor's re-parse throws from a plugin
    // hook, which Apollo answers 500, for any syntax error as for the limit.
    maxTokens: { enabled: false },
    maxDirectives: { n: 20, exposeLimits: true },
    // Analysts write queries by hand: "did you mean" helps them more than it hides anything.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return { plugins, validationRules, parseOptions: { maxTokens: options.maxTokens ?? 2000 } };
}
