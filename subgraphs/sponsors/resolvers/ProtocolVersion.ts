import type { ProtocolVersionResolvers } from '../generated/resolvers';
import { procedureFrequencies } from '../protocol';

export const ProtocolVersion: ProtocolVersionResolvers = {
  procedures: (version) => {
    const frequency = procedureFrequencies(version.visits);
    return version.procedures.map((procedure) => ({ ...procedure, frequency: frequency.get(procedure.name) ?? 0 }));
  },

  endpoints: (version) => [
    { kind: 'PRIMARY', count: version.primaryEndpoints },
    { kind: 'SECONDARY', count: version.secondaryEndpoints },
    { kind: 'OTHER', count: version.otherEndpoints },
  ],
};
