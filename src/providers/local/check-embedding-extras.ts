import { GatewayError } from '../../spec/index.js';
import type { CallContext, EmbeddingRequest } from '../../spec/index.js';

/**
 * Parameters a local embedding model cannot use are refused or dropped with a warning, as the call's
 * policy says, never ignored in silence. `user` is only a label for abuse monitoring and needs no model.
 */
export function checkEmbeddingExtras(request: EmbeddingRequest, context: CallContext): void {
  const unused = Object.keys(request.extra);
  if (request.inputType !== undefined) unused.push('input_type');
  if (unused.length === 0) return;
  if (context.unknownParameters === 'error') {
    throw new GatewayError(
      'unknown_parameter',
      `A local embedding model does not take ${unused.join(', ')}. Remove ${unused.length > 1 ? 'them' : 'it'}.`,
      { param: unused[0] },
    );
  }
  for (const param of unused) {
    context.warnings.push({ type: 'dropped', param, detail: 'not a parameter of local embedding models.' });
  }
}
