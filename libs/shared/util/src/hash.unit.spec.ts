import { canonicalJson } from './canonical-json';
import { chainHash, GENESIS_HASH, sha256Hex } from './hash';
import { isUuidV7, newId } from './ids';
import { backoffDelay } from './retry';

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null } })).toBe('{"a":{"c":null,"d":[1,"x"]},"b":1}');
  });

  it('formats numbers as ECMAScript does (RFC 8785 §3.2.2.3)', () => {
    expect(canonicalJson({ n: 1e21, m: 0.1, z: -0 })).toBe('{"m":0.1,"n":1e+21,"z":0}');
  });

  it('rejects values JSON cannot represent', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});

describe('hash chain', () => {
  it('is SHA-256 over prevHash followed by the canonical content', () => {
    const content = { id: 'e1', data: { x: 1 } };
    expect(chainHash(GENESIS_HASH, content)).toBe(sha256Hex(GENESIS_HASH + '{"data":{"x":1},"id":"e1"}'));
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('changes when any byte of the content or the previous hash changes', () => {
    const h = chainHash(GENESIS_HASH, { a: 1 });
    expect(chainHash(GENESIS_HASH, { a: 2 })).not.toBe(h);
    expect(chainHash('1'.repeat(64), { a: 1 })).not.toBe(h);
  });
});

describe('ids', () => {
  it('creates time-ordered UUID v7 ids', () => {
    const ids = Array.from({ length: 50 }, () => newId());
    expect(ids.every(isUuidV7)).toBe(true);
    expect([...ids].sort()).toEqual(ids);
  });
});

describe('backoff', () => {
  it('grows exponentially up to the cap', () => {
    const half = () => 0.5;
    expect(backoffDelay(1, 100, 10_000, half)).toBe(75);
    expect(backoffDelay(4, 100, 10_000, half)).toBe(600);
    expect(backoffDelay(20, 100, 1_000, half)).toBe(750);
  });
});
