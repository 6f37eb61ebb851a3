import { GatewayError } from '../../spec/index.js';
import { displayPointer } from './json-pointer.js';

/**
 * Everything wrong with one client schema, gathered in one pass so the client learns all of it from one 400
 * rather than fixing one keyword per request.
 */
export class SchemaProblems {
  private readonly unsupportedItems = new Set<string>();
  private readonly invalidItems = new Set<string>();

  /** A keyword the grammar cannot enforce: `label` is the keyword, maybe with its value (`format "email"`). */
  unsupported(label: string, pointer: string, note?: string): void {
    this.unsupportedItems.add(`${label} at ${displayPointer(pointer)}${note === undefined ? '' : ` (${note})`}`);
  }

  /** A schema that is malformed whatever the engine: `problem` completes "<label> at <pointer> …". */
  invalid(label: string, pointer: string, problem: string): void {
    this.invalidItems.add(`${label} at ${displayPointer(pointer)} ${problem}`);
  }

  /** Malformed schemas are reported first: what the engine supports is moot until the schema means something. */
  throwIfAny(where: string): void {
    if (this.invalidItems.size > 0) {
      throw new GatewayError(
        'invalid_request',
        `The JSON schema in ${where} is invalid: ${[...this.invalidItems].join('; ')}.`,
        {
          param: where,
        },
      );
    }
    if (this.unsupportedItems.size > 0) {
      throw new GatewayError(
        'unsupported_parameter',
        `The JSON schema uses keywords the local engine cannot enforce: ${[...this.unsupportedItems].join(', ')}. ` +
          'Remove them or use a vendor deployment.',
        { param: where },
      );
    }
  }
}
