import { describe, expect, it } from 'vitest';
import { ALLOW_ALL, parseRobotsTxt, productToken, robotsVerdict } from './robots-txt';

const UA = 'MarketLensBot/1.0 (+self-hosted)';
const allowed = (text: string, path: string, ua = UA) => robotsVerdict(parseRobotsTxt(text), ua, path).allowed;

// Cases follow RFC 9309 §2.2 and the examples in Google's robots.txt specification.
describe('robots.txt', () => {
  it('reads the product token of a User-Agent header', () => {
    expect(productToken(UA)).toBe('marketlensbot');
  });

  it('obeys the group naming our token over the * group, case-insensitively', () => {
    const text = 'User-agent: *\nDisallow: /\n\nuser-agent: MARKETLENSBOT\nDisallow: /private\n';
    expect(allowed(text, '/listings')).toBe(true);
    expect(allowed(text, '/private/x')).toBe(false);
    expect(allowed(text, '/listings', 'OtherBot/2.0')).toBe(false);
  });

  it('merges every group naming our token, and consecutive user-agent lines share one group', () => {
    const text =
      'User-agent: a\nUser-agent: marketlensbot\nDisallow: /one\n\nUser-agent: marketlensbot\nDisallow: /two\n';
    expect(allowed(text, '/one')).toBe(false);
    expect(allowed(text, '/two')).toBe(false);
    expect(allowed(text, '/three')).toBe(true);
  });

  it('lets the longest matching rule win, and allow win a tie', () => {
    const text = 'User-agent: *\nDisallow: /listings/\nAllow: /listings/new\nDisallow: /a\nAllow: /a\n';
    expect(allowed(text, '/listings/new?page=2')).toBe(true);
    expect(allowed(text, '/listings/old')).toBe(false);
    expect(allowed(text, '/a')).toBe(true);
  });

  it('understands * anywhere and $ at the end', () => {
    const text = 'User-agent: *\nDisallow: /*.json$\nDisallow: /tokens/*/holders\nAllow: /feed$\nDisallow: /feed\n';
    expect(allowed(text, '/api/list.json')).toBe(false);
    expect(allowed(text, '/api/list.json?x=1')).toBe(true);
    expect(allowed(text, '/tokens/pepe/holders')).toBe(false);
    expect(allowed(text, '/feed')).toBe(true);
    expect(allowed(text, '/feed/2')).toBe(false);
  });

  it('treats an empty Disallow, comments and unknown lines as allowing', () => {
    const text = '# hello\nUser-agent: * # everyone\nDisallow:\nCrawl-delay: 5\nSitemap: https://x.test/s.xml\n';
    expect(allowed(text, '/anything')).toBe(true);
  });

  it('names the deciding rule and group', () => {
    const verdict = robotsVerdict(parseRobotsTxt('User-agent: *\nDisallow: /new\n'), UA, '/new-tokens');
    expect(verdict).toEqual({ allowed: false, rule: 'Disallow: /new', agent: '*' });
  });

  it('allows everything without groups, and robots.txt itself always', () => {
    expect(robotsVerdict(ALLOW_ALL, UA, '/x').allowed).toBe(true);
    expect(allowed('User-agent: *\nDisallow: /\n', '/robots.txt')).toBe(true);
  });

  it('escapes regular-expression characters in paths', () => {
    expect(allowed('User-agent: *\nDisallow: /a+b(c)\n', '/a+b(c)/d')).toBe(false);
    expect(allowed('User-agent: *\nDisallow: /a+b(c)\n', '/aab')).toBe(true);
  });
});
