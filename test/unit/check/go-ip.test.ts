import { describe, expect, it } from 'vitest';
import { goIPString } from '../../../src/check/go-ip.js';

const bytes = (groups: number[]) => Uint8Array.from(groups.flatMap((g) => [g >> 8, g & 0xff]));

describe("an address as Go's net.IP.String prints it", () => {
  // Go's documented behaviour (net/ip.go, the cases of its ip_test.go): RFC 5952 text, IPv4-mapped dotted.
  it.each([
    [[0x2001, 0xdb8, 0, 0, 0, 0x123, 0x12, 1], '2001:db8::123:12:1'],
    [[0x2001, 0xdb8, 0, 0, 0, 0, 0, 1], '2001:db8::1'],
    [[0x2001, 0xdb8, 0, 1, 0, 1, 0, 1], '2001:db8:0:1:0:1:0:1'],
    [[0x2001, 0xdb8, 1, 0, 1, 0, 1, 0], '2001:db8:1:0:1:0:1:0'],
    [[0x2001, 0, 0, 1, 0, 0, 0, 1], '2001:0:0:1::1'],
    [[0x2001, 0xdb8, 0, 0, 1, 0, 0, 1], '2001:db8::1:0:0:1'],
    [[0x2001, 0xdb8, 0, 0, 1, 0, 0, 0], '2001:db8:0:0:1::'],
    [[0, 0, 0, 0, 0, 0, 0, 0], '::'],
    [[0, 0, 0, 0, 0, 0, 0, 1], '::1'],
    [[0xfe80, 0, 0, 0, 0x0202, 0xb3ff, 0xfe1e, 0x8329], 'fe80::202:b3ff:fe1e:8329'],
    [[0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201], '192.0.2.1'],
    [[0, 0, 0, 0, 0, 0xffff, 0, 0], '0.0.0.0'],
    [[0, 0, 0, 0, 0, 0, 0xc000, 0x0201], '::c000:201'],
  ])('%j → %s', (groups, text) => {
    expect(goIPString(bytes(groups))).toBe(text);
  });

  it('IPv4 dotted; a length that is no address gives nothing', () => {
    expect(goIPString(Uint8Array.from([192, 0, 2, 1]))).toBe('192.0.2.1');
    expect(goIPString(Uint8Array.from([1, 2, 3]))).toBe('');
  });
});
