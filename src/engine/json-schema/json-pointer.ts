/** JSON pointers (RFC 6901) as used in messages and local `$ref`s. The root is "" and is displayed as "/". */

export function childPointer(pointer: string, ...segments: (string | number)[]): string {
  return segments.reduce<string>(
    (path, segment) => `${path}/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`,
    pointer,
  );
}

/** For messages: "" (the whole document) reads better as "/". */
export function displayPointer(pointer: string): string {
  return pointer === '' ? '/' : pointer;
}

/** The segments of a `$ref` fragment such as `#/$defs/a~1b` (URI-decoded first), or undefined when it is not a pointer. */
export function fragmentSegments(ref: string): string[] | undefined {
  if (!ref.startsWith('#')) return undefined;
  let fragment: string;
  try {
    fragment = decodeURIComponent(ref.slice(1));
  } catch {
    return undefined;
  }
  if (fragment === '') return [];
  if (!fragment.startsWith('/')) return undefined;
  return fragment
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** The value at `segments` under `root`, or undefined when the path does not exist. */
export function resolveSegments(root: unknown, segments: readonly string[]): unknown {
  let current: unknown = root;
  for (const segment of segments) {
    if (Array.isArray(current)) {
      if (!/^(0|[1-9][0-9]*)$/.test(segment)) return undefined;
      current = current[Number(segment)];
    } else if (typeof current === 'object' && current !== null && Object.hasOwn(current, segment)) {
      current = (current as Record<string, unknown>)[segment];
    } else {
      return undefined;
    }
  }
  return current;
}
