// What `npx hive-gateway supergraph schema/supergraph.graphql -c examples/hive-gateway/gateway.config.ts`
// loads: Hive Gateway configured as our gateway is (hive-gateway-config.ts; docs/production.md).
import { hiveGatewayConfig } from './hive-gateway-config';

export const gatewayConfig = hiveGatewayConfig(process.env);
