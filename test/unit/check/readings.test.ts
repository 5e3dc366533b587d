import { describe, expect, it } from 'vitest';
import { parseMountinfo, parseProcNet, socketsOf, usagePercent } from '../../../src/check/readings.js';

describe('what the helper reads, as goss observes it', () => {
  it('/proc/net: listening TCP (state 0A) and bound UDP, per file; IPv6 compressed', () => {
    const text = [
      '  sl  local_address rem_address   st',
      '   0: 0100007F:1F90 00000000:0000 0A',
      '   1: 0100007F:1F91 0100007F:C350 01', // established: not listening
      '  sl  local_address rem_address   st',
      '   0: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A',
      '  sl  local_address rem_address   st',
      '   0: 00000000:0035 00000000:0000 07',
      '  sl  local_address rem_address   st',
    ].join('\n');
    expect(parseProcNet(text)).toEqual([
      { proto: 'tcp', ip: '127.0.0.1', port: 8080 },
      { proto: 'tcp6', ip: '::', port: 8080 },
      { proto: 'udp', ip: '0.0.0.0', port: 53 },
    ]);
  });

  it('/proc/net IPv6 addresses as goss prints them: Go net.IP.String, upper-cased (GOnetstat)', () => {
    // Each 32-bit word as the kernel prints it on a little-endian machine.
    const at = (hex: string) =>
      parseProcNet(
        `  sl  local_address\n  sl  local_address\n   0: ${hex}:0050 00000000000000000000000000000000:0000 0A\n`,
      )[0]?.ip;
    expect(at('00000000000000000000000001000000')).toBe('::1');
    expect(at('000080FE000000000000000001000000')).toBe('FE80::1');
    expect(at('B80D0120000000000000000001000000')).toBe('2001:DB8::1');
    expect(at('B80D0120000000000000010001000000')).toBe('2001:DB8::1:0:0:1');
    expect(at('B80D0120010000000100000001000000')).toBe('2001:DB8:0:1:0:1:0:1');
    expect(at('0000000000000000FFFF00000100007F')).toBe('127.0.0.1');
    expect(at('0000000000000000FFFF000000000000')).toBe('0.0.0.0');
  });

  it('a port key names sockets as goss does: tcp is /proc/net/tcp only; a bare number is tcp', () => {
    const socks = [
      { proto: 'tcp6' as const, ip: '::', port: 8080 },
      { proto: 'tcp' as const, ip: '127.0.0.1', port: 9090 },
    ];
    expect(socketsOf('tcp:8080', socks)).toEqual([]);
    expect(socketsOf('tcp6:8080', socks)).toEqual([socks[0]]);
    expect(socketsOf('9090', socks)).toEqual([socks[1]]);
    expect(socketsOf('http:80', socks)).toBeNull();
  });

  it('mountinfo: escaped mount points, per-mount and superblock options (deduplicated, quoted commas kept)', () => {
    const line =
      '36 35 0:31 / /my\\040data rw,relatime,rw shared:1 - ext4 /dev/sda1 rw,context="a,b",errors=remount-ro';
    expect(parseMountinfo(`${line}\n`)).toEqual([
      {
        mountpoint: '/my data',
        opts: ['rw', 'relatime'],
        vfsOpts: ['rw', 'context="a,b"', 'errors=remount-ro'],
        fstype: 'ext4',
        source: '/dev/sda1',
      },
    ]);
    expect(parseMountinfo('garbage\n')).toEqual([]);
  });

  it('usage rounds the share of blocks not free; a zero-block filesystem is what Go makes of NaN', () => {
    expect(usagePercent(1000, 255)).toBe(75);
    expect(usagePercent(1000, 254)).toBe(75);
    expect(usagePercent(1000, 1000)).toBe(0);
    expect(usagePercent(0, 0)).toBe(-(2 ** 63));
  });
});
