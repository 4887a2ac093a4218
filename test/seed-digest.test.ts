import { createHash } from 'node:crypto';
import { flagshipVariables } from '../seed/flagship-variables';
import { generateDemoDataset } from '../seed/generate';

// Digests first recorded from seed/generate.ts when it was still one class, before it was split into
// a module per party; recorded again when sites came to answer their selections (a partnership and
// a CRO's work at a site need the site's acceptance). Any change to the order of random draws changes
// them; a deliberate change to the dataset must record new ones (and say so in its commit).

const sha256 = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

const RECORDED = [
  {
    options: { seed: 42, scale: 1 },
    digest: '0b3a43dd18067ec069e81247f0fc3831d66d39d51dd9b8e66ba0e97d8bcb6960',
    flagship: '{"countryCode":"ES","nctId":"NCT09937440","siteId":"site-0026","croId":"cro-003","sponsorId":"sponsor-020","advocacyGroupId":"advocates-04"}',
  },
  {
    options: { seed: 7, scale: 1 },
    digest: '657c579246f9bb673d95692d971c473c1ca8e516756da4e6118fc4743481bd19',
    flagship: '{"countryCode":"ES","nctId":"NCT09876897","siteId":"site-0077","croId":"cro-013","sponsorId":"sponsor-022","advocacyGroupId":"advocates-01"}',
  },
  {
    options: { seed: 3, scale: 0.1 },
    digest: '1c90163aef75c66c67df6845ea4453e2851af106ef84621addaebbc62572ebe2',
    flagship: '{"countryCode":"US","nctId":"NCT09669724","siteId":"site-0014","croId":"cro-002","sponsorId":"sponsor-002","advocacyGroupId":"advocates-01"}',
  },
  {
    options: { seed: 42, scale: 2 },
    digest: 'f14c079625f1b6ca827bd366ac04f8aa79c21bbe4370e3fc04b357ac86ec2e1a',
    flagship: '{"countryCode":"ES","nctId":"NCT09995965","siteId":"site-0001","croId":"cro-020","sponsorId":"sponsor-012","advocacyGroupId":"advocates-02"}',
  },
];

describe('the demo dataset generator', () => {
  test.each(RECORDED)(
    "the generator's output for seed $options.seed and scale $options.scale is byte-identical to the digest recorded",
    ({ options, digest, flagship }) => {
      const dataset = generateDemoDataset(options);
      expect(sha256(dataset)).toBe(digest);
      expect(JSON.stringify(flagshipVariables(dataset))).toBe(flagship);
    },
  );
});
