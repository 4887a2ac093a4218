// npm run -s token -- --party SPONSOR --org sponsor-07 [--scopes "read write"] [--ttl 1h]
// Prints a development token signed with the secret the local services check (AUTH_JWT_SECRET, or
// the one npm start keeps in DATA_DIR/jwt-secret), and nothing else, so it can go straight into a
// header: -H "authorization: Bearer $(npm run -s token -- --party SITE --org site-0110)".
import { parseArgs } from 'node:util';
import { identityConfig, PARTY_KINDS, type PartyKind, SCOPES, signDevelopmentToken } from '../platform/identity';

const USAGE = `usage: npm run -s token -- --party ${PARTY_KINDS.join('|')} --org <id> [--scopes "${SCOPES.join(' ')}"] [--ttl 1h]`;

async function main() {
  const { values } = parseArgs({
    options: {
      party: { type: 'string' },
      org: { type: 'string' },
      scopes: { type: 'string', default: SCOPES.join(' ') },
      ttl: { type: 'string', default: '1h' },
    },
    strict: true,
  });
  const party = values.party?.toUpperCase();
  if (!party || !(PARTY_KINDS as readonly string[]).includes(party)) throw new Error(`--party must be one of ${PARTY_KINDS.join(', ')}`);
  if (!values.org) throw new Error('--org is required: the site, sponsor, CRO or advocacy group id the caller acts for');
  const scopes = values.scopes!.split(/[\s,]+/).filter(Boolean);
  const unknown = scopes.filter((scope) => !(SCOPES as readonly string[]).includes(scope));
  if (unknown.length > 0) throw new Error(`unknown scope ${unknown.join(', ')}; scopes are ${SCOPES.join(', ')}`);
  const token = await signDevelopmentToken(identityConfig(), { party: party as PartyKind, orgId: values.org, scopes, ttl: values.ttl });
  process.stdout.write(`${token}\n`);
}

main().catch((error: Error) => {
  // jose refuses a --ttl it cannot read with "Invalid time period format".
  const message = /time period/i.test(error.message) ? '--ttl must be a time span such as 30m, 1h or 7d' : error.message;
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
});
