// The reproduce command line: the experiment's name, then flags as --name value, --name=value or --name.
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../scripts/reproduce';

describe('npm run reproduce -- …', () => {
  it('reads the name and every flag form, whatever the order of flags', () => {
    expect(parseCommandLine(['dynamics', '--part', 'life', '--seed=2', '--quick'])).toEqual({ name: 'dynamics', flags: { part: 'life', seed: '2', quick: true } });
    expect(parseCommandLine(['--quick', 'fa-linear'])).toEqual({ name: 'fa-linear', flags: { quick: true } });
    expect(parseCommandLine(['fgsm-softmax', '--pretrained', '--quick'])).toEqual({ name: 'fgsm-softmax', flags: { pretrained: true, quick: true } });
    expect(parseCommandLine(['--list'])).toEqual({ flags: { list: true } });
    expect(() => parseCommandLine(['a', 'b'])).toThrow(/unexpected argument "b"/);
  });
});
