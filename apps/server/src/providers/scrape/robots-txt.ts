// robots.txt as RFC 9309 defines it: groups of user-agent lines with their allow/disallow rules; the crawler
// obeys the groups naming its product token (merged), else the `*` groups; the longest matching rule wins and
// allow wins a tie. Patterns may use `*` (any characters) and a final `$` (end of the path).

export interface RobotsRule {
  allow: boolean;
  path: string;
}

export interface RobotsGroup {
  /** Lower-case user-agent tokens the group names. */
  agents: string[];
  rules: RobotsRule[];
}

export interface RobotsTxt {
  groups: RobotsGroup[];
}

export interface RobotsVerdict {
  allowed: boolean;
  /** The deciding rule as written ("Disallow: /private"), or null when no rule matched. */
  rule: string | null;
  /** The user-agent of the group obeyed ("*" or our token), or null when no group applies. */
  agent: string | null;
}

export const ALLOW_ALL: RobotsTxt = { groups: [] };

export function parseRobotsTxt(text: string): RobotsTxt {
  const groups: RobotsGroup[] = [];
  let current: RobotsGroup | null = null;
  let inAgents = false; // consecutive user-agent lines share one group
  for (const raw of text.split(/\r?\n|\r/)) {
    const line = raw.replace(/#.*$/, '').trim();
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'user-agent') {
      if (!inAgents || current === null) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      inAgents = true;
    } else if ((key === 'allow' || key === 'disallow') && current !== null) {
      inAgents = false;
      // An empty Disallow allows everything: no rule at all.
      if (value !== '') current.rules.push({ allow: key === 'allow', path: value });
    } else if (current !== null) {
      inAgents = false; // crawl-delay, sitemap and the like end a run of user-agent lines too
    }
  }
  return { groups };
}

/** The product token of a User-Agent string: "MarketLensBot/1.0 (+self-hosted)" -> "marketlensbot". */
export const productToken = (userAgent: string): string => (userAgent.trim().split(/[/\s]/)[0] ?? '').toLowerCase();

function toRegExp(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = (anchored ? pattern.slice(0, -1) : pattern)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`);
}

/** Whether `pathAndQuery` (from the leading slash) may be fetched by a crawler calling itself `userAgent`. */
export function robotsVerdict(robots: RobotsTxt, userAgent: string, pathAndQuery: string): RobotsVerdict {
  if (pathAndQuery === '/robots.txt') return { allowed: true, rule: null, agent: null };
  const token = productToken(userAgent);
  let groups = robots.groups.filter((g) => g.agents.includes(token));
  let agent = groups.length > 0 ? token : null;
  if (groups.length === 0) {
    groups = robots.groups.filter((g) => g.agents.includes('*'));
    agent = groups.length > 0 ? '*' : null;
  }
  let best: RobotsRule | null = null;
  for (const rule of groups.flatMap((g) => g.rules)) {
    if (!toRegExp(rule.path).test(pathAndQuery)) continue;
    const longer = best === null || rule.path.length > best.path.length;
    const tieAllow = best !== null && rule.path.length === best.path.length && rule.allow && !best.allow;
    if (longer || tieAllow) best = rule;
  }
  if (best === null) return { allowed: true, rule: null, agent };
  return { allowed: best.allow, rule: `${best.allow ? 'Allow' : 'Disallow'}: ${best.path}`, agent };
}
