import { GatewayError } from '../../spec/index.js';
import type { CallContext, ChatRequest, JsonObject, SettingWarning } from '../../spec/index.js';

export interface ExtraParameterLane {
  /** Named in messages: "for an Anthropic backend". */
  laneName: string;
  /** The family of wire parameters this lane speaks; extras written for it are forwarded as they are. */
  family: 'openai' | 'anthropic';
  /** Keys the gateway owns; no client extra may replace them. */
  reservedKeys: ReadonlySet<string>;
  /** Parameters of this lane's own API that are forwarded whatever family the client wrote for. */
  nativeKeys?: ReadonlySet<string>;
}

/**
 * Copies a request's unknown parameters into an upstream body. Extras written for this lane's wire family
 * pass through, as on any OpenAI-compatible lane; extras from the other family cannot be assumed to mean
 * anything here, so the call's policy decides: refuse naming them, drop them with a warning, or forward.
 */
export function applyExtraParameters(
  request: ChatRequest,
  body: JsonObject,
  lane: ExtraParameterLane,
  policy: CallContext['unknownParameters'],
  warnings: SettingWarning[],
): void {
  const sameFamily = (request.extraFormat ?? 'openai') === lane.family;
  const foreign: string[] = [];
  for (const [key, value] of Object.entries(request.extra)) {
    if (lane.reservedKeys.has(key)) continue;
    if (sameFamily || lane.nativeKeys?.has(key) === true || policy === 'pass-through') body[key] = value;
    else foreign.push(key);
  }
  if (foreign.length === 0) return;
  if (policy === 'error') {
    const plural = foreign.length > 1;
    throw new GatewayError(
      'unknown_parameter',
      `Unknown parameter${plural ? 's' : ''} ${lane.laneName}: ${foreign.join(', ')}. Remove ${plural ? 'them' : 'it'}.`,
      { param: foreign[0] },
    );
  }
  for (const key of foreign) {
    warnings.push({ type: 'dropped', param: key, detail: `not a parameter Hangar maps ${lane.laneName}.` });
  }
}
