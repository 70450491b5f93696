import { describe, expect, it } from 'vitest';
import { blockedRangeOf, checkWebhookUrl, type CheckWebhookUrlOptions, type ResolveHost } from './ssrf-guard';

const strict: CheckWebhookUrlOptions = { allowPrivate: false };

/** A resolver answering from a table, so hostname cases need no network. */
function fakeDns(table: Record<string, string[]>): ResolveHost {
  return async (hostname) => {
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses;
  };
}

async function reasonFor(url: string, options: CheckWebhookUrlOptions = strict): Promise<string> {
  const result = await checkWebhookUrl(url, options);
  if (result.ok) throw new Error(`expected ${url} to be refused, but it was allowed`);
  return result.reason;
}

describe('checkWebhookUrl: address ranges', () => {
  it.each([
    ['http://127.0.0.1/hook', /loopback/],
    ['http://127.255.255.254/hook', /loopback/],
    ['http://10.0.0.1/', /private \(10\./],
    ['http://172.16.0.1/', /private \(172\.16/],
    ['http://172.31.255.255/', /private \(172\.16/],
    ['http://192.168.1.20:8080/', /private \(192\.168/],
    ['http://169.254.169.254/latest/meta-data/', /link-local/],
    ['http://100.64.0.1/', /carrier-grade NAT/],
    ['http://100.127.255.255/', /carrier-grade NAT/],
    ['http://0.0.0.0:3000/', /this network/],
    ['http://224.0.0.251/', /multicast/],
    ['http://239.255.255.250/', /multicast/],
    ['http://255.255.255.255/', /broadcast/],
  ])('refuses %s', async (url, expected) => {
    const reason = await reasonFor(url);
    expect(reason).toMatch(expected);
    expect(reason, 'the message names the URL').toContain(new URL(url).href);
  });

  it.each([
    ['http://[::1]/', /loopback/],
    ['http://[0:0:0:0:0:0:0:1]/', /loopback/],
    ['http://[::]/', /unspecified/],
    ['http://[fe80::1]/', /link-local/],
    ['http://[febf:ffff::1]/', /link-local/],
    ['http://[fc00::1]/', /unique local/],
    ['http://[fd12:3456:789a::1]/', /unique local/],
    ['http://[ff02::1]/', /multicast/],
    ['http://[::ffff:127.0.0.1]/', /IPv4-mapped 127\.0\.0\.1, loopback/],
    ['http://[::ffff:a9fe:a9fe]/', /IPv4-mapped 169\.254\.169\.254, link-local/],
    ['http://[64:ff9b::10.0.0.1]/', /NAT64 10\.0\.0\.1, private/],
  ])('refuses the IPv6 form %s', async (url, expected) => {
    expect(await reasonFor(url)).toMatch(expected);
  });

  it.each([
    ['decimal', 'http://2130706433/'],
    ['hexadecimal', 'http://0x7f000001/'],
    ['octal', 'http://0177.0.0.1/'],
    ['shortened', 'http://127.1/'],
  ])('refuses loopback written in %s, which the URL parser normalises', async (_label, url) => {
    expect(await reasonFor(url)).toMatch(/127\.0\.0\.1.*loopback/);
  });

  it.each([
    ['http://93.184.215.14/', ['93.184.215.14']],
    ['https://8.8.8.8:8443/x', ['8.8.8.8']],
    ['http://172.32.0.1/', ['172.32.0.1']],
    ['http://100.128.0.1/', ['100.128.0.1']],
    ['http://[2606:4700::1111]/', ['2606:4700::1111']],
    ['http://[::ffff:8.8.8.8]/', ['::ffff:808:808']],
  ])('allows the public address %s, just outside the blocked ranges', async (url, addresses) => {
    const result = await checkWebhookUrl(url, strict);
    expect(result).toMatchObject({ ok: true, addresses });
  });

  it('allows private targets when the admin says so', async () => {
    for (const url of ['http://127.0.0.1:8080/', 'http://[::1]/', 'http://10.1.2.3/', 'http://169.254.169.254/']) {
      expect((await checkWebhookUrl(url, { allowPrivate: true })).ok, url).toBe(true);
    }
  });
});

describe('checkWebhookUrl: host names', () => {
  it('refuses localhost, which resolves to loopback', async () => {
    const reason = await reasonFor('http://localhost:9000/hook');
    expect(reason).toMatch(/"localhost" resolves to it/);
    expect(reason).toMatch(/loopback/);
  });

  it('returns the resolved addresses so the caller can connect to exactly those', async () => {
    const resolve = fakeDns({ 'hooks.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'] });
    const result = await checkWebhookUrl('https://hooks.example.com/in', { allowPrivate: false, resolve });
    expect(result).toMatchObject({ ok: true, addresses: ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'] });
  });

  it('refuses a host when any one of its addresses is private', async () => {
    const resolve = fakeDns({ 'mixed.example.com': ['93.184.215.14', '10.0.0.7'] });
    const reason = await reasonFor('https://mixed.example.com/', { allowPrivate: false, resolve });
    expect(reason).toMatch(/10\.0\.0\.7 \("mixed\.example\.com" resolves to it\) is private/);
  });

  it('refuses a host resolving to an IPv4-mapped internal address', async () => {
    const resolve = fakeDns({ 'sneaky.example.com': ['::ffff:192.168.0.1'] });
    const reason = await reasonFor('https://sneaky.example.com/', { allowPrivate: false, resolve });
    expect(reason).toMatch(/IPv4-mapped 192\.168\.0\.1, private/);
  });

  it('reports an unresolvable host as retryable, since DNS failures can pass', async () => {
    const result = await checkWebhookUrl('https://nowhere.example.com/', { allowPrivate: false, resolve: fakeDns({}) });
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect(!result.ok && result.reason).toMatch(/could not be resolved.*ENOTFOUND/);
  });

  it('reports a host resolving to nothing as retryable', async () => {
    const resolve = fakeDns({ 'empty.example.com': [] });
    const result = await checkWebhookUrl('https://empty.example.com/', { allowPrivate: false, resolve });
    expect(result).toMatchObject({ ok: false, retryable: true });
  });
});

describe('checkWebhookUrl: schemes and URL shapes', () => {
  it.each([
    ['file:///etc/passwd', /scheme "file:"/],
    ['ftp://ftp.example.com/x', /scheme "ftp:"/],
    ['javascript:alert(1)', /scheme "javascript:"/],
    ['gopher://127.0.0.1:6379/_FLUSHALL', /scheme "gopher:"/],
    ['data:text/plain,hi', /scheme "data:"/],
    ['//example.com/relative', /not a valid absolute URL/],
    ['not a url', /not a valid absolute URL/],
  ])('refuses %s, even with private targets allowed', async (url, expected) => {
    const result = await checkWebhookUrl(url, { allowPrivate: true });
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(!result.ok && result.reason).toMatch(expected);
  });

  it('refuses credentials in the URL, masking the password in the message', async () => {
    const reason = await reasonFor('https://user:hunter2@93.184.215.14/hook', { allowPrivate: true });
    expect(reason).toMatch(/credentials in the URL are not allowed/);
    expect(reason, 'the password must not leak into logs').not.toContain('hunter2');
  });

  it('refuses a user name alone, which can dress an untrusted host as a trusted one', async () => {
    expect(await reasonFor('https://trusted.example.com@93.184.215.14/')).toMatch(/credentials/);
  });
});

describe('blockedRangeOf', () => {
  it('ignores an IPv6 zone index', () => {
    expect(blockedRangeOf('fe80::1%eth0')).toMatch(/link-local/);
  });

  it('treats something that is not an address as blocked', () => {
    expect(blockedRangeOf('example.com')).toBe('not an IP address');
  });
});
