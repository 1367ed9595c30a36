/** The evidence media types the services recognise by their first bytes (magic numbers). */
const SIGNATURES: Array<{ mediaType: string; matches: (b: Uint8Array) => boolean }> = [
  { mediaType: 'image/jpeg', matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mediaType: 'image/png', matches: (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x) },
  { mediaType: 'image/webp', matches: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP' },
  { mediaType: 'application/pdf', matches: (b) => ascii(b, 0, 5) === '%PDF-' },
];

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

/** How many leading bytes `sniffMediaType` needs. */
export const SNIFF_BYTES = 12;

/** The media type the bytes are, whatever they were sent as; undefined for anything else (HTML, scripts, archives…). */
export function sniffMediaType(head: Uint8Array): string | undefined {
  return SIGNATURES.find((s) => s.matches(head))?.mediaType;
}

/** `image/jpeg; charset=…` → `image/jpeg`. */
export function essenceOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}
