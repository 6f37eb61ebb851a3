// Parsed once per connection URL: `server.address` and `server.port` of the attempt spans.
const known = new Map<string, { host: string; port: number } | undefined>();

export function serverAddressOf(baseUrl: string): { host: string; port: number } | undefined {
  if (known.has(baseUrl)) return known.get(baseUrl);
  let address: { host: string; port: number } | undefined;
  try {
    const url = new URL(baseUrl);
    const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
    address = { host: url.hostname, port };
  } catch {
    address = undefined;
  }
  // Connections are few; the bound only guards against a caller that builds URLs per request.
  if (known.size < 1000) known.set(baseUrl, address);
  return address;
}
