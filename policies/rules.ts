/**
 * Reasons from an edition's rule sources: the care type's code says which rule, whether it held
 * and why in the provider's facts; the edition says the rule's id, its seed section and the
 * policy's words. So next year's edition quotes next year's policy without a change of code.
 */
import type { Reason } from './decision';
import type { RuleSource } from './policy';

/**
 * A reason's sentence in both languages: Dutch for staff (the console shows it beside the
 * policy's Dutch quote), English for engineers (the golden decisions keep it as it was).
 */
export interface RuleText {
  en: string;
  nl: string;
}

/**
 * A reason builder bound to an edition: `reason('running-contract', false, { en, nl })` quotes the
 * rule's words; `reason(key, met, text, 'excluded')` the words it keeps under that name in
 * `quotes`; `reason(key, met, text, false)` no words (the text says it all).
 */
export function reasonsOf<R extends Record<string, RuleSource>>(edition: { seedFile: string; rules: R }) {
  return (key: keyof R & string, met: boolean, says: RuleText, words?: string | false): Reason => {
    const { en: text, nl } = says;
    const source = edition.rules[key];
    if (!source) throw new Error(`the edition has no source for rule '${key}'`);
    const quote = words === false ? undefined : words === undefined ? source.quote : source.quotes?.[words];
    if (typeof words === 'string' && quote === undefined) throw new Error(`rule '${key}' (${source.id}) has no words named '${words}'`);
    return { ruleId: source.id, met, text, nl, source: { file: edition.seedFile, section: source.section, quote } };
  };
}
