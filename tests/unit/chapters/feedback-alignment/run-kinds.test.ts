// The chapter's run kinds: their live keys, written out for the worker, are exactly the ones the
// widgets' schemas give (liveConfigKeys: the settings marked live, mapped through each config).
import { describe, expect, it } from 'vitest';
import { liveConfigKeys } from '../../../../src/settings/schema';
import { eqprop, faCompare, faLinear, forwardForward } from '../../../../src/chapters/feedback-alignment/run-kinds';
import { eqpropConfig } from '../../../../src/chapters/feedback-alignment/widgets/eqprop-phases/config';
import { eqpropSchema } from '../../../../src/chapters/feedback-alignment/widgets/eqprop-phases/schema';
import { faCompareConfig } from '../../../../src/chapters/feedback-alignment/widgets/fa-compare/config';
import { faCompareSchema } from '../../../../src/chapters/feedback-alignment/widgets/fa-compare/schema';
import { faLinearConfig } from '../../../../src/chapters/feedback-alignment/widgets/fa-linear/config';
import { faLinearSchema } from '../../../../src/chapters/feedback-alignment/widgets/fa-linear/schema';
import { ffConfig } from '../../../../src/chapters/feedback-alignment/widgets/ff-layers/config';
import { ffSchema } from '../../../../src/chapters/feedback-alignment/widgets/ff-layers/schema';

const sorted = (keys: readonly string[]) => [...keys].sort();

describe('Feedback-alignment run kinds', () => {
  it('take exactly the live keys the schemas give', () => {
    expect(sorted(faCompare.liveKeys)).toEqual(sorted(liveConfigKeys(faCompareSchema, (s) => faCompareConfig(s, 1))));
    expect(sorted(faLinear.liveKeys)).toEqual(sorted(liveConfigKeys(faLinearSchema, (s) => faLinearConfig(s, 1))));
    expect(sorted(forwardForward.liveKeys)).toEqual(sorted(liveConfigKeys(ffSchema, (s) => ffConfig(s, 1))));
    expect(sorted(eqprop.liveKeys)).toEqual(sorted(liveConfigKeys(eqpropSchema, (s) => eqpropConfig(s, 1))));
  });
});
