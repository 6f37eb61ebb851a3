import type { ChatRequest, ChatSettingKey } from '../../spec/index.js';

/** Writes one canonical setting into a vendor body (or refuses it, or drops it with a warning). */
export type ChatSettingWriter<Key extends ChatSettingKey, Target> = (
  value: NonNullable<ChatRequest[Key]>,
  target: Target,
) => void;

/**
 * A decision for every canonical setting: a new key in the spec fails to compile until each vendor
 * says what it does with it.
 */
export type ChatSettingMap<Target> = { readonly [Key in ChatSettingKey]: ChatSettingWriter<Key, Target> };

/** Applies the map to the settings the request carries, in the map's key order. */
export function applyChatSettings<Target>(map: ChatSettingMap<Target>, request: ChatRequest, target: Target): void {
  for (const key of Object.keys(map) as ChatSettingKey[]) {
    const value = request[key];
    if (value === undefined || value === null) continue;
    const write = map[key] as (value: unknown, target: Target) => void;
    write(value, target);
  }
}
