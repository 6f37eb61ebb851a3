import type { HarmCategory } from '../../../spec/index.js';

/**
 * Llama Guard 3 and 4's hazard codes (the MLCommons AI Safety taxonomy, as listed on the Llama Guard 3 model card:
 * https://huggingface.co/meta-llama/Llama-Guard-3-8B) and the Azure category each one raises. Llama Guard 2
 * numbered the same hazards differently; its codes are read with this table too, so use Llama Guard 3 or later.
 *
 * Hazards with no Azure counterpart raise nothing rather than being forced into `violence`: Azure's violence
 * category is about physical harm, and a filter that blocked fraud, legal advice or election questions as
 * violence would surprise its operator. Personal data is Hangar's own PII detector's business (S7).
 */
export const LLAMA_GUARD_HAZARDS: Readonly<Record<string, HarmCategory | undefined>> = {
  S1: 'violence', // Violent Crimes
  S2: undefined, // Non-Violent Crimes (fraud, cyber crime, drugs)
  S3: 'sexual', // Sex-Related Crimes
  S4: 'sexual', // Child Sexual Exploitation
  S5: undefined, // Defamation
  S6: undefined, // Specialized Advice
  S7: undefined, // Privacy
  S8: undefined, // Intellectual Property
  S9: 'violence', // Indiscriminate Weapons
  S10: 'hate', // Hate
  S11: 'self_harm', // Suicide & Self-Harm
  S12: 'sexual', // Sexual Content
  S13: undefined, // Elections
  S14: undefined, // Code Interpreter Abuse
};
