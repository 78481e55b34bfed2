import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkAddress,
  classifyAddress,
  compileAllowList,
  InvalidCidr,
  isAddressAllowed,
} from '../../src/domain/ip-policy.ts';

const none = compileAllowList([]);

describe('classifyAddress', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['93.184.216.34', 'public'],
    ['2606:4700:4700::1111', 'public'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['169.254.169.254', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.254', 'carrierGradeNat'],
    ['240.0.0.1', 'reserved'],
    ['fec0::1', 'deprecatedSiteLocal'],
  ])('%s is %s', (ip, cls) => {
    expect(classifyAddress(ip)).toBe(cls);
  });

  it('judges IPv6 spellings of IPv4 addresses as the IPv4 address', () => {
    expect(classifyAddress('::ffff:127.0.0.1')).toBe('loopback');
    expect(classifyAddress('::ffff:7f00:1')).toBe('loopback');
    expect(classifyAddress('::ffff:10.0.0.1')).toBe('private');
    expect(classifyAddress('::ffff:169.254.169.254')).toBe('linkLocal');
    expect(classifyAddress('::ffff:100.64.0.1')).toBe('carrierGradeNat');
    expect(classifyAddress('::ffff:8.8.8.8')).toBe('public');
    expect(classifyAddress('::ffff:0:127.0.0.1')).toBe('loopback'); // RFC 6145
    expect(classifyAddress('64:ff9b::192.168.0.1')).toBe('private'); // NAT64
    expect(classifyAddress('2002:7f00:1::')).toBe('loopback'); // 6to4
    expect(classifyAddress('::127.0.0.1')).toBe('loopback'); // IPv4-compatible
  });

  it('calls anything that is not an address invalid', () => {
    for (const s of ['', 'localhost', '127.1', '0x7f.0.0.1', '1.2.3.4.5', '999.1.1.1', 'example.com']) {
      expect(classifyAddress(s)).toBe('invalid');
    }
  });
});

describe('checkAddress', () => {
  it('allows public addresses without any allow-list', () => {
    expect(checkAddress('1.1.1.1', none)).toEqual({ allowed: true, address: '1.1.1.1', via: 'public' });
  });

  it('refuses special addresses with a reason naming the kind', () => {
    const v = checkAddress('127.0.0.1', none);
    expect(v).toEqual({
      allowed: false,
      address: '127.0.0.1',
      what: 'a loopback address',
      reason: '127.0.0.1 is a loopback address',
    });
    expect(checkAddress('169.254.169.254', none)).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/link-local/),
    });
    expect(checkAddress('100.64.1.1', none)).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/carrier-grade NAT/),
    });
    expect(checkAddress('nonsense', none)).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/not an IP address/),
    });
  });

  it('allows a special address inside an allowed CIDR, and only there', () => {
    const allow = compileAllowList(['127.0.0.0/8', '10.1.0.0/16', 'fd00::/8']);
    expect(checkAddress('127.0.0.1', allow)).toMatchObject({ allowed: true, via: 'allow-list' });
    expect(checkAddress('10.1.200.3', allow)).toMatchObject({ allowed: true });
    expect(checkAddress('10.2.0.1', allow)).toMatchObject({ allowed: false });
    expect(checkAddress('fd00::5', allow)).toMatchObject({ allowed: true });
    expect(checkAddress('fc00::5', allow)).toMatchObject({ allowed: false });
    expect(checkAddress('::1', allow)).toMatchObject({ allowed: false });
    expect(checkAddress('192.168.0.1', allow)).toMatchObject({ allowed: false });
  });

  it('matches IPv4-mapped IPv6 addresses against IPv4 CIDRs and vice versa', () => {
    expect(isAddressAllowed('::ffff:127.0.0.1', ['127.0.0.0/8'])).toBe(true);
    expect(isAddressAllowed('127.0.0.1', ['::ffff:127.0.0.0/104'])).toBe(true);
    expect(isAddressAllowed('::ffff:127.0.0.1', [])).toBe(false);
    expect(isAddressAllowed('::1', ['::1/128'])).toBe(true);
    expect(isAddressAllowed('127.0.0.1', ['::1/128'])).toBe(false);
  });

  it('rejects a malformed allow-list entry by name', () => {
    expect(() => compileAllowList(['127.0.0.0/8', '300.0.0.0/8'])).toThrow(InvalidCidr);
    expect(() => compileAllowList(['10.0.0.0/33'])).toThrow(/"10.0.0.0\/33"/);
  });
});

describe('properties', () => {
  const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join('.'));

  it('every private / loopback / link-local / CGNAT IPv4 address is refused, bare or IPv4-mapped', () => {
    const special = fc
      .oneof(
        fc.tuple(fc.constant(10), fc.nat(255), fc.nat(255), fc.nat(255)),
        fc.tuple(fc.constant(172), fc.integer({ min: 16, max: 31 }), fc.nat(255), fc.nat(255)),
        fc.tuple(fc.constant(192), fc.constant(168), fc.nat(255), fc.nat(255)),
        fc.tuple(fc.constant(127), fc.nat(255), fc.nat(255), fc.nat(255)),
        fc.tuple(fc.constant(169), fc.constant(254), fc.nat(255), fc.nat(255)),
        fc.tuple(fc.constant(100), fc.integer({ min: 64, max: 127 }), fc.nat(255), fc.nat(255)),
      )
      .map((o) => o.join('.'));
    fc.assert(
      fc.property(special, (ip) => {
        expect(checkAddress(ip, none).allowed).toBe(false);
        expect(checkAddress(`::ffff:${ip}`, none).allowed).toBe(false);
      }),
    );
  });

  it('0.0.0.0/0 allows every IPv4 address; the mapped form always agrees with the bare one', () => {
    const all = compileAllowList(['0.0.0.0/0']);
    fc.assert(
      fc.property(v4, (ip) => {
        expect(checkAddress(ip, all).allowed).toBe(true);
        expect(checkAddress(`::ffff:${ip}`, none).allowed).toBe(checkAddress(ip, none).allowed);
      }),
    );
  });
});
