import { describe, expect, it } from 'vitest';
import { etherscanUrl, shortHex } from './hex';

const TX = `0x${'ab'.repeat(32)}`;
const ADDRESS = `0x${'12'.repeat(20)}`;

describe('shortHex', () => {
  it('keeps the prefix and the last four digits of a hash', () => {
    expect(shortHex(TX)).toBe('0xabab…abab');
  });

  it('leaves a value already short enough alone', () => {
    expect(shortHex('0x12345678')).toBe('0x12345678');
  });
});

describe('etherscanUrl', () => {
  it('links a real transaction hash and address to Etherscan', () => {
    expect(etherscanUrl('tx', TX, false)).toBe(`https://etherscan.io/tx/${TX}`);
    expect(etherscanUrl('address', ADDRESS, false)).toBe(`https://etherscan.io/address/${ADDRESS}`);
  });

  it('never links synthetic data: its hashes are made up', () => {
    expect(etherscanUrl('tx', TX, true)).toBeNull();
  });

  it('does not link something that is not a hash', () => {
    expect(etherscanUrl('tx', ADDRESS, false), 'an address is not a transaction').toBeNull();
    expect(etherscanUrl('address', 'alice', false)).toBeNull();
  });
});
