import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** The field nodes a resolver is asked for: its own (`info`), or those `within` finds below them. */
export type Selection = Pick<GraphQLResolveInfo, 'fieldNodes'>;

/** The fields named `field` a selection set selects on `typename`, directly or in inline fragments. */
function fieldsNamed(set: SelectionSetNode | undefined, typename: string, field: string): FieldNode[] {
  return (set?.selections ?? []).flatMap((selection) =>
    selection.kind === Kind.FIELD
      ? selection.name.value === field
        ? [selection]
        : []
      : selection.kind === Kind.INLINE_FRAGMENT && (!selection.typeCondition || selection.typeCondition.name.value === typename)
        ? fieldsNamed(selection.selectionSet, typename, field)
        : [],
  );
}

/**
 * True when the field being resolved selects `field` on `typename`, directly or in an inline
 * fragment (as the gateway's and the subgraphs' own `_entities` fetches write them); a named
 * fragment is not looked into, so a caller using one is answered the same, only without the
 * shortcut this tells a resolver it may take.
 */
export function asksFor(info: Selection, typename: string, field: string): boolean {
  return info.fieldNodes.some((node) => fieldsNamed(node.selectionSet, typename, field).length > 0);
}

/**
 * What the field being resolved selects below its `field` on `typename`, found as `asksFor` finds
 * it, for a resolver that reads that field's rows with its own: `asksFor(within(info, 'Cro',
 * 'engagements'), 'Engagement', 'kpis')`.
 */
export function within(info: Selection, typename: string, field: string): Selection {
  return { fieldNodes: info.fieldNodes.flatMap((node) => fieldsNamed(node.selectionSet, typename, field)) };
}
