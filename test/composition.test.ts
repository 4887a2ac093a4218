import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { type GraphQLObjectType, parse, validate } from 'graphql';
import { composeSupergraph, readSubgraphDefinitions, SUPERGRAPH_FILE } from '../gateway/compose-supergraph';

const QUERIES_DIR = resolve(__dirname, '..', '..', 'shared', 'queries');

test('the committed supergraph is what composing the subgraph SDL files gives today', () => {
  expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(composeSupergraph());
});

test('supergraph.yaml names the four party subgraphs on their default ports', () => {
  expect(readSubgraphDefinitions().map(({ name, url }) => [name, url])).toEqual([
    ['sites', 'http://localhost:4001/graphql'],
    ['sponsors', 'http://localhost:4002/graphql'],
    ['cros', 'http://localhost:4003/graphql'],
    ['insights', 'http://localhost:4004/graphql'],
  ]);
});

test('composition reports a conflicting field instead of producing a supergraph', () => {
  const subgraphs = readSubgraphDefinitions();
  const sites = subgraphs.find((s) => s.name === 'sites')!;
  // A partner declaring Site.name with another type must be refused.
  const partner = { name: 'partner', url: 'http://partner/graphql', sdl: `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Site @key(fields: "id") { id: ID! name: Int }` };
  expect(() => composeSupergraph([sites, partner])).toThrow(/Composition failed/);
});

describe('every flagship operation validates against the supergraph API', () => {
  const api = Supergraph.build(readFileSync(SUPERGRAPH_FILE, 'utf8')).apiSchema().toGraphQLJSSchema();
  const files = readdirSync(QUERIES_DIR).filter((file) => file.endsWith('.graphql'));

  test('there are five flagship operations', () => expect(files).toHaveLength(5));

  test.each(files)('%s', (file) => {
    const errors = validate(api, parse(readFileSync(resolve(QUERIES_DIR, file), 'utf8')));
    expect(errors.map((e) => e.message)).toEqual([]);
  });
});

test('a partner subgraph that extends Site by its key composes with the four party subgraphs', () => {
  const partner = {
    name: 'site_network',
    url: 'http://partner.example/graphql',
    sdl: readFileSync(resolve(__dirname, '..', 'examples', 'partner-site-network.graphql'), 'utf8'),
  };
  const supergraph = Supergraph.build(composeSupergraph([...readSubgraphDefinitions(), partner]));
  const site = supergraph.apiSchema().toGraphQLJSSchema().getType('Site') as GraphQLObjectType;
  expect(Object.keys(site.getFields())).toEqual(expect.arrayContaining(['name', 'trials', 'patientExperience', 'network']));
});
