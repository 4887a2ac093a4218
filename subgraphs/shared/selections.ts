import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

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

/**
 * The selections of `field` on `typename` in the field being resolved, as a resolve info that
 * asksFor reads: what a fetch asks one level further down (a sponsor's trials' feedback, say).
 */
export function under(info: GraphQLResolveInfo, typename: string, field: string): GraphQLResolveInfo {
  const fieldNodes: FieldNode[] = [];
  const collect = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === field) fieldNodes.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT && (!selection.typeCondition || selection.typeCondition.name.value === typename)) {
        collect(selection.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) collect(node.selectionSet);
  return { ...info, fieldNodes };
}
