import { createHash } from 'node:crypto';
import { flagshipVariables } from '../seed/flagship-variables';
import { generateDemoDataset } from '../seed/generate';

// Digests recorded from seed/generate.ts when it was still one class, before it was split into a
// module per party. Any change to the order of random draws changes them; a deliberate change to the
// dataset must record new ones (and say so in its commit).

const sha256 = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

const RECORDED = [
  {
    options: { seed: 42, scale: 1 },
    digest: 'b2f7ac575c5fb0a2ff9449cabd7649f0ecb4d59bfc3712a83fe81cbfcd33d3b3',
    flagship: '{"countryCode":"ES","nctId":"NCT09620287","siteId":"site-0034","croId":"cro-011","sponsorId":"sponsor-009","advocacyGroupId":"advocates-03"}',
  },
  {
    options: { seed: 7, scale: 1 },
    digest: '58c366a3e5a47c2d19d9799ad70e1a8da69c166bbebe91530697662dffee6079',
    flagship: '{"countryCode":"ES","nctId":"NCT09321040","siteId":"site-0053","croId":"cro-007","sponsorId":"sponsor-005","advocacyGroupId":"advocates-03"}',
  },
  {
    options: { seed: 3, scale: 0.1 },
    digest: '888ec3bff226d83446d9d11f66766dc2cae23ccda8be0c942d76cac7725d55ae',
    flagship: '{"countryCode":"US","nctId":"NCT09669724","siteId":"site-0013","croId":"cro-002","sponsorId":"sponsor-002","advocacyGroupId":"advocates-01"}',
  },
  {
    options: { seed: 42, scale: 2 },
    digest: 'ab4b44ceeaf8f0d5d69c4935cc00ce57de972caf47c71abc83bffa8f41eab7da',
    flagship: '{"countryCode":"ES","nctId":"NCT09133107","siteId":"site-0028","croId":"cro-003","sponsorId":"sponsor-038","advocacyGroupId":"advocates-03"}',
  },
];

describe('the demo dataset generator', () => {
  test.each(RECORDED)(
    "the generator's output for seed $options.seed and scale $options.scale is byte-identical to the digest recorded before it was split",
    ({ options, digest, flagship }) => {
      const dataset = generateDemoDataset(options);
      expect(sha256(dataset)).toBe(digest);
      expect(JSON.stringify(flagshipVariables(dataset))).toBe(flagship);
    },
  );
});
