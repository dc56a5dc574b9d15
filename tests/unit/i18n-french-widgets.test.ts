// @vitest-environment jsdom
// What the newly translated shared viz and the attack lab say on a French page (the French
// catalogue injected as the build does): whole French sentences with French numbers, not English
// fragments. The English output is pinned by each one's own tests (tests/unit/viz, widgets).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { frenchCatalogue } from '../../src/essay/french-typography';
import { fr } from '../../src/i18n/fr';
import { resetMessages } from '../../src/i18n/t';
import { digitCanvas, heatmap, imageGrid, lineChart } from '../../src/viz';
import { formatProbability } from '../../src/chapters/adversarial-attacks/widgets/attack-lab/bars';
import { modelText, originText, verdictText, type LabContext } from '../../src/chapters/adversarial-attacks/widgets/attack-lab/view';
import type { AttackLabSnapshot } from '../../src/chapters/adversarial-attacks/runs/lab-snapshot';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

describe('French widget text', () => {
  beforeAll(() => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null); // no pixels: only the words are tested
    document.documentElement.lang = 'fr';
    const script = document.createElement('script');
    script.type = 'application/json';
    script.id = 'lm-messages';
    script.textContent = JSON.stringify(frenchCatalogue(fr));
    document.head.append(script);
    resetMessages();
  });
  afterAll(() => {
    vi.restoreAllMocks();
    document.getElementById('lm-messages')?.remove();
    document.documentElement.lang = '';
    resetMessages();
  });

  it('summarises a heatmap, an image grid, a digit and an empty chart in French', () => {
    const h = heatmap({ width: 200, height: 200, title: 'Confusion', rowLabels: ['a', 'b'], colLabels: ['a', 'b'] });
    h.update({ values: [1.5, 2, 3, NaN], rows: 2, cols: 2 });
    expect(h.summary()).toBe(`Matrice 2 × 2, valeurs de 1,5 à 3, moyenne 2,17. La plus grande${NBSP}: ligne b, colonne a (3). La plus petite${NBSP}: ligne a, colonne a (1,5). 1 case non finie affichée en gris.`);
    const g = imageGrid({ label: 'Test digits' });
    expect(g.summary()).toBe(`Test digits${NBSP}: aucune image.`);
    g.update([new Float32Array(784), new Float32Array(784)], ['7', '2']);
    expect(g.summary()).toBe(`Test digits${NBSP}: 2 images de 28 × 28 pixels, légendées 7${NNBSP}; 2.`);
    const d = digitCanvas({ label: 'Votre chiffre' });
    d.update(Float32Array.from({ length: 784 }, (_, i) => i / 783 / 2));
    expect(d.summary()).toBe(`Votre chiffre${NBSP}: image de 28 × 28, valeurs de 0 à 0,5.`);
    expect(lineChart({ width: 300, height: 200, title: 'x', series: { a: {} } }).summary()).toBe('Pas encore de données.');
  });

  it("writes the attack lab's probabilities and verdict in French", () => {
    expect(formatProbability(0.9731)).toBe(`97,3${NNBSP}%`);
    expect(formatProbability(0.00001)).toBe(`<0,1${NNBSP}%`);
    const ctx: LabContext = { attack: 'pgd', epsilon: 0.25, modelName: 'régression softmax', theModel: 'la régression softmax', drawn: false, digit: 0, target: -1 };
    const clean = Float32Array.from({ length: 10 }, (_, i) => (i === 7 ? 0.91 : 0.01));
    const probabilities = Float32Array.from({ length: 10 }, (_, i) => (i === 3 ? 0.6 : 0.04));
    const snap = { phase: 'ready', clean, frame: { probabilities, success: true }, done: true } as unknown as AttackLabSnapshot;
    expect(verdictText(snap, ctx)).toBe(`Régression softmax${NBSP}: 7 (91,0${NNBSP}%) → maintenant 3 (60,0${NNBSP}%). Attaque réussie, et aucun pixel n’a bougé de plus de 0,25.`);
  });

  it("writes the attack lab's model line (the worker's provenance data) in French", () => {
    expect(originText({ kind: 'shipped', steps: 940, seed: 1 })).toBe('poids fournis (940 pas à partir de la graine 1)');
    expect(originText({ kind: 'shipped', steps: null, seed: 1 })).toBe('poids fournis (à partir de la graine 1)');
    expect(originText({ kind: 'retrained', steps: 1880, seed: 7 })).toBe(`réentraîné dans ce navigateur (1${NNBSP}880 pas à partir de la graine 7)`);
    const model = { kind: 'mlp', weights: 'retrain', about: 'softmax regression 784→10', origin: { kind: 'retrained', steps: 188, seed: 3 }, parameters: 7850, testAccuracy: 0.912, testImages: 1000 };
    expect(modelText({ model } as unknown as AttackLabSnapshot)).toBe(
      `régression softmax 784→10 · 7${NNBSP}850 paramètres · réentraîné dans ce navigateur (188 pas à partir de la graine 3) · précision sans attaque 91,2${NNBSP}% sur 1${NNBSP}000 chiffres de test`,
    );
  });
});
