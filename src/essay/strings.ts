/**
 * Every fixed string of the page template and the Markdown rules, one table per language. English
 * pages are built from `en`, the French edition (content/fr/ → dist/fr/) from `fr`; the prose itself
 * comes from the Markdown. Widgets' own strings are in src/i18n/ (shipped as data in French pages).
 */
export type Lang = 'en' | 'fr';

export interface Strings {
  /** The name of the language, in that language (the switch's text). */
  name: string;
  /** The switch's tooltip, in the target language: "Read this page in English". */
  readIn: string;
  skip: string;
  tagline: string;
  modelsRunOn: string;
  /** "This essay" / "This chapter draws on …". */
  drawsOn: (landing: boolean, sources: string) => string;
  allChapters: string;
  chapters: string;
  lectureScenes: string;
  presentBlurb: string;
  colophon: string;
  previous: string;
  next: string;
  prevNext: string;
  allChaptersLink: (site: string) => string;
  chapter: (n: number) => string;
  defaultSummary: string;
  startReading: (title: string) => string;
  presentSummary: string;
  presentHelp: string;
  /** The present page's note on embedding, given the embed page's address. */
  presentEmbedHelp: (embedPage: string) => string;
  /** A scene's embed link and its accessible name. */
  embed: string;
  embedScene: (scene: number, figure: number) => string;
  presentTitle: (site: string) => string;
  figure: (n: number) => string;
  scenesSummary: (figure: number, count: number) => string;
  noJs: string;
  contents: string;
  references: string;
}

export const STRINGS: Record<Lang, Strings> = {
  en: {
    name: 'English',
    readIn: 'Read this page in English',
    skip: 'Skip to the text',
    tagline: 'is deep learning in a local minimum?',
    modelsRunOn: 'Models run on',
    drawsOn: (landing, sources) => `${landing ? 'This essay' : 'This chapter'} draws on ${sources}.`,
    allChapters: 'All chapters',
    chapters: 'Chapters',
    lectureScenes: 'Lecture scenes',
    presentBlurb: ": every figure's presets for a lecture, stepped with a clicker.",
    colophon: 'is an interactive essay. Its models train in your browser; the page loads nothing from other sites and sends nothing anywhere.',
    previous: '← Previous',
    next: 'Next →',
    prevNext: 'Previous and next chapters',
    allChaptersLink: (site) => `${site}: all chapters`,
    chapter: (n) => `Chapter ${n}`,
    defaultSummary: 'An interactive essay on the limits of deep learning.',
    startReading: (title) => `Start reading: ${title} →`,
    presentSummary: 'Every lecture scene of the essay, chapter by chapter: a link opens the figure on that scene.',
    presentHelp:
      "Open a scene, press <kbd>F</kbd> for projector mode, then step through the figure's scenes with <kbd>Page Down</kbd> and <kbd>Page Up</kbd> (what a presentation clicker sends); <kbd>Space</kbd> plays and pauses, <kbd>→</kbd> takes one step, <kbd>R</kbd> resets, <kbd>Esc</kbd> leaves. Each scene sets every setting and the seed, so it runs the same every time.",
    presentEmbedHelp: (page) => `For slides, a scene's <em>Embed</em> link shows that figure alone, locked to the scene and filling the window: put its address in an <code>&lt;iframe&gt;</code> or open it in a tab (<a href="${page}">every figure</a>).`,
    embed: 'Embed',
    embedScene: (scene, figure) => `Embed scene ${scene} of Figure ${figure} (for slides)`,
    presentTitle: (site) => `${site}: lecture scenes`,
    figure: (n) => `Figure ${n}.`,
    scenesSummary: (figure, count) => `Lecture scenes for Figure ${figure} (${count}): in projector mode, Page Down and Page Up step through them`,
    noJs: 'This figure is live: it trains or runs a small model in your browser, and needs JavaScript. The text around it describes what it shows.',
    contents: 'Contents',
    references: 'References',
  },
  fr: {
    name: 'Français',
    readIn: 'Lire cette page en français',
    skip: 'Aller au texte',
    tagline: 'l’apprentissage profond est-il dans un minimum local ?',
    modelsRunOn: 'Les modèles tournent sur',
    drawsOn: (landing, sources) => `${landing ? 'Cet essai' : 'Ce chapitre'} s’appuie sur ${sources}.`,
    allChapters: 'Tous les chapitres',
    chapters: 'Chapitres',
    lectureScenes: 'Scènes de cours',
    presentBlurb: ' : les préréglages de chaque figure pour un cours, à faire défiler avec une télécommande.',
    colophon: 'est un essai interactif. Ses modèles s’entraînent dans votre navigateur ; la page ne charge rien depuis d’autres sites et n’envoie rien nulle part.',
    previous: '← Précédent',
    next: 'Suivant →',
    prevNext: 'Chapitres précédent et suivant',
    allChaptersLink: (site) => `${site} : tous les chapitres`,
    chapter: (n) => `Chapitre ${n}`,
    defaultSummary: 'Un essai interactif sur les limites de l’apprentissage profond.',
    startReading: (title) => `Commencer la lecture : ${title} →`,
    presentSummary: 'Toutes les scènes de cours de l’essai, chapitre par chapitre : un lien ouvre la figure sur cette scène.',
    presentHelp:
      'Ouvrez une scène, appuyez sur <kbd>F</kbd> pour le mode projecteur, puis parcourez les scènes de la figure avec <kbd>Page Down</kbd> et <kbd>Page Up</kbd> (ce qu’envoie une télécommande de présentation) ; <kbd>Espace</kbd> lance et met en pause, <kbd>→</kbd> fait un pas, <kbd>R</kbd> réinitialise, <kbd>Échap</kbd> quitte. Chaque scène fixe tous les réglages et la graine : elle se déroule à l’identique à chaque fois.',
    presentEmbedHelp: (page) => `Pour des diapositives, le lien <em>Intégrer</em> d’une scène montre la figure seule, verrouillée sur la scène et en plein écran : mettez son adresse dans une <code>&lt;iframe&gt;</code> ou ouvrez-la dans un onglet (<a href="${page}">toutes les figures</a>).`,
    embed: 'Intégrer',
    embedScene: (scene, figure) => `Intégrer la scène ${scene} de la figure ${figure} (pour des diapositives)`,
    presentTitle: (site) => `${site} : scènes de cours`,
    figure: (n) => `Figure ${n}.`,
    scenesSummary: (figure, count) => `Scènes de cours de la figure ${figure} (${count}) : en mode projecteur, Page Down et Page Up les font défiler`,
    noJs: 'Cette figure est vivante : elle entraîne ou fait tourner un petit modèle dans votre navigateur et a besoin de JavaScript. Le texte qui l’entoure décrit ce qu’elle montre.',
    contents: 'Sommaire',
    references: 'Références',
  },
};

/** The other edition's language (the switch points there). */
export const otherLang = (lang: Lang): Lang => (lang === 'en' ? 'fr' : 'en');
