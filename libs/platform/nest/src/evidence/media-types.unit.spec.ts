import { essenceOf, sniffMediaType } from './media-types';

const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('evidence media types by their first bytes', () => {
  it.each([
    ['image/jpeg', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF\0\0\0\0')],
    ['image/png', bytes([0x89], 'PNG\r\n\x1a\n', 'IHDR')],
    ['image/webp', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ')],
    ['application/pdf', bytes('%PDF-1.7\n%')],
  ])('knows %s', (type, head) => {
    expect(sniffMediaType(head)).toBe(type);
  });

  it.each([
    ['HTML', bytes('<!doctype html><script>')],
    ['SVG (scripts)', bytes('<svg xmlns="http://www.w3.org/2000/svg">')],
    ['a RIFF that is not WebP', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt ')],
    ['a ZIP', bytes('PK', [3, 4], 'xxxxxxxx')],
    ['nothing', bytes('')],
  ])('knows no %s', (_what, head) => {
    expect(sniffMediaType(head)).toBeUndefined();
  });

  it('reads a Content-Type’s essence', () => {
    expect(essenceOf('Image/PNG; charset=binary')).toBe('image/png');
    expect(essenceOf(undefined)).toBe('');
  });
});
