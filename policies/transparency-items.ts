/**
 * The items of the NZa's transparency rule (TH/NR-021 article 4; docs/transparency.md), apart from
 * the check (transparency.ts) so that the CLI can name them without loading the edition schema
 * (its start-up: test/cli/startup.test.ts).
 */
export type TransparencyItem = 'published' | 'phases' | 'reachability' | 'quality-policy' | 'minimum-requirements';

/** The article item each is (1 to 4), `published` the article's opening sentence (0). */
export const ARTICLE_ITEM: Record<TransparencyItem, number> = { published: 0, phases: 1, reachability: 2, 'quality-policy': 3, 'minimum-requirements': 4 };
