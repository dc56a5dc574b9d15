// The house's floors as lint (eslint/floors.js): an import that climbs a floor or crosses between
// chapters fails `npm run lint`, and the ones the house is built on pass.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint();
const lint = async (file: string, code: string) => (await eslint.lintText(code, { filePath: file }))[0].messages.filter((m) => m.ruleId === 'house/floors').map((m) => m.message);

describe('the floors of the house', () => {
  it('refuses imports that climb or cross', async () => {
    expect(await lint('src/lib/nets/x.ts', "export { formatPercent } from '../../viz';\n")).toEqual([expect.stringContaining('src/lib imports tfjs and the lib only')]);
    expect(await lint('src/lib/nets/x.ts', "export { Trainer } from '../train/trainer';\n")).toEqual([expect.stringContaining('nets are models only')]);
    expect(await lint('src/runtime/x.ts', "export { chapters } from '../chapters';\n")).toEqual([expect.stringContaining('knows no widget or chapter')]);
    expect(await lint('src/viz/x.ts', "export { createRng } from '../lib/random';\n")).toEqual([expect.stringContaining('viz imports nothing of ours')]);
    expect(await lint('src/chapters/introduction/widgets/overfit/x.ts', "export { faCompareKind } from '../../../feedback-alignment/kinds';\n")).toEqual([expect.stringContaining('a chapter imports no other chapter')]);
    expect(await lint('src/chapters/introduction/runs/x.ts', "export { urlState } from '../../../runtime/url-state';\n")).toEqual([expect.stringContaining("computing code (runs, tables, reproduce) imports the lib only")]);
    expect(await lint('src/chapters/introduction/runs/x.ts', "export { overfitKind } from '../kinds';\n")).toHaveLength(1);
  });

  it('lets imports point down', async () => {
    expect(await lint('src/chapters/introduction/widgets/overfit/x.ts', "export { TrainingWidget } from '../../../../widgets/base/element';\nexport { overfitKind } from '../../kinds';\n")).toEqual([]);
    expect(await lint('src/chapters/introduction/runs/x.ts', "export { createRng } from '../../../lib/random';\nexport type { ReproduceOptions } from '../../types';\n")).toEqual([]);
    expect(await lint('src/runtime/x.ts', "export { createRng } from '../lib/random';\nexport { defaults } from '../settings/schema';\n")).toEqual([]);
  });
});
