import { z } from 'zod';
import { safeParseJson } from '../../kit/index.js';
import { GatewayError, type JsonObject } from '../../spec/index.js';
import type { Blocklist, BlocklistItem } from '../policy/content-filter-policy.js';
import { NAME_PATTERN, NAME_RULE, parseWire } from '../policy/parse-wire.js';
import { checkBlocklistItem, MAX_BLOCKLIST_ITEM_CHARACTERS, MAX_BLOCKLIST_ITEMS } from './compile-blocklists.js';

const itemSchema = z
  .object({
    pattern: z.string().min(1).max(MAX_BLOCKLIST_ITEM_CHARACTERS),
    regex: z.boolean().optional(),
  })
  .strict();

export const blocklistInputSchema = z
  .object({
    name: z.string().regex(NAME_PATTERN, { error: NAME_RULE }).optional(),
    description: z.string().trim().max(1024).optional(),
    items: z.array(itemSchema).max(MAX_BLOCKLIST_ITEMS),
  })
  .strict();

export interface ParsedBlocklistInput {
  name?: string;
  description: string | undefined;
  items: BlocklistItem[];
}

/**
 * The body of `PUT /admin/projects/{project}/blocklists/{name}`, or a blocklist of the config file. Each item is
 * checked the way it will be compiled (a regular expression that does not compile, a term of only spaces), so a
 * list that is stored always loads.
 */
export function parseBlocklistInput(body: unknown): ParsedBlocklistInput {
  const input = parseWire(blocklistInputSchema, body);
  const items = input.items.map((item) => ({ pattern: item.pattern, regex: item.regex ?? false }));
  items.forEach((item, index) => {
    const problem = checkBlocklistItem(item);
    if (problem !== undefined) {
      throw new GatewayError('invalid_request', `items[${index}].pattern: ${problem}`, {
        param: `items[${index}].pattern`,
      });
    }
  });
  return { ...(input.name === undefined ? {} : { name: input.name }), description: input.description, items };
}

/** Items as stored (a JSON array of `{ pattern, regex }`). */
export function storedBlocklistItems(items: readonly BlocklistItem[]): string {
  return JSON.stringify(items.map((item) => ({ pattern: item.pattern, regex: item.regex })));
}

/** Reads stored items; throws, naming the list, when this version cannot read them. */
export function readStoredBlocklistItems(text: string, what: string): BlocklistItem[] {
  const json = safeParseJson(text);
  const parsed = json.ok ? z.array(itemSchema).safeParse(json.value) : undefined;
  if (parsed?.success !== true) throw new Error(`Blocklist ${what}: its stored items are not readable.`);
  return parsed.data.map((item) => ({ pattern: item.pattern, regex: item.regex ?? false }));
}

const iso = (time: number) => new Date(time).toISOString();

/** The admin API's view of a blocklist. */
export function renderBlocklist(
  blocklist: Blocklist,
  projectName: string,
  times: { createdAt: number; updatedAt: number },
): JsonObject {
  return {
    object: 'content_blocklist',
    name: blocklist.name,
    project: projectName,
    description: blocklist.description,
    items: blocklist.items.map((item) => ({ pattern: item.pattern, regex: item.regex })),
    created_at: iso(times.createdAt),
    updated_at: iso(times.updatedAt),
  };
}
