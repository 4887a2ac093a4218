import type { ProtocolVersionEntity } from '../entities';
import { procedureFrequencies } from '../protocol';

export const ProtocolVersion = {
  procedures: (version: ProtocolVersionEntity) => {
    const frequency = procedureFrequencies(version.visits);
    return version.procedures.map((procedure) => ({ ...procedure, frequency: frequency.get(procedure.name) ?? 0 }));
  },

  endpoints: (version: ProtocolVersionEntity) => [
    { kind: 'PRIMARY', count: version.primaryEndpoints },
    { kind: 'SECONDARY', count: version.secondaryEndpoints },
    { kind: 'OTHER', count: version.otherEndpoints },
  ],
};
