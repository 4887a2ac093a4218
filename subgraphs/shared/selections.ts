import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** The field nodes a resolver is asked for: its own (`info`), or those `within` finds below them. */
export type Selection = Pick<GraphQLResolveInfo, 'fieldNodes'>;

const NONE: readonly FieldNode[] = [];

/** What fieldsNamed found, by selection set, type and field: a cached document's sets are asked again at every request and entity. */
const found = new WeakMap<SelectionSetNode, Map<string, Map<string, readonly FieldNode[]>>>();

/** The fields named `field` a selection set selects on `typename`, directly or in inline fragments. */
function fieldsNamed(set: SelectionSetNode | undefined, typename: string, field: string): readonly FieldNode[] {
  if (!set) return NONE;
  let byType = found.get(set);
  if (!byType) found.set(set, (byType = new Map()));
  let byField = byType.get(typename);
  if (!byField) byType.set(typename, (byField = new Map()));
  let fields = byField.get(field);
  if (!fields) {
    fields = set.selections.flatMap((selection) =>
      selection.kind === Kind.FIELD
        ? selection.name.value === field
          ? [selection]
          : []
        : selection.kind === Kind.INLINE_FRAGMENT && (!selection.typeCondition || selection.typeCondition.name.value === typename)
          ? fieldsNamed(selection.selectionSet, typename, field)
          : [],
    );
    byField.set(field, fields.length === 0 ? NONE : fields);
  }
  return fields;
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
  let byType = withinFound.get(info.fieldNodes);
  if (!byType) withinFound.set(info.fieldNodes, (byType = new Map()));
  let byField = byType.get(typename);
  if (!byField) byType.set(typename, (byField = new Map()));
  let selection = byField.get(field);
  if (!selection) {
    selection = { fieldNodes: info.fieldNodes.flatMap((node) => fieldsNamed(node.selectionSet, typename, field)) };
    byField.set(field, selection);
  }
  return selection;
}

/** What within found, by the field nodes it looked below: the same for every entity of one fetch. */
const withinFound = new WeakMap<readonly FieldNode[], Map<string, Map<string, Selection>>>();
