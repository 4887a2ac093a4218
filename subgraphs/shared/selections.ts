import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * True when the field being resolved selects `field` on `typename`, directly or in an inline
 * fragment (as the gateway's and the subgraphs' own `_entities` fetches write them); a named
 * fragment is not looked into, so a caller using one is answered the same, only without the
 * shortcut this tells a resolver it may take.
 */
export function asksFor(info: GraphQLResolveInfo, typename: string, field: string): boolean {
  const selects = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((selection) =>
      selection.kind === Kind.FIELD
        ? selection.name.value === field
        : selection.kind === Kind.INLINE_FRAGMENT &&
          (!selection.typeCondition || selection.typeCondition.name.value === typename) &&
          selects(selection.selectionSet),
    );
  return info.fieldNodes.some((node) => selects(node.selectionSet));
}
