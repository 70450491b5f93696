import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { copyInstructions, envOf, execForm, finalStage, instructionsOf, readDockerfile } from './docker-file';
import { runToExit, spawnLogged, type LoggedProcess } from './process';
import { readRepoFile } from './repo';

// The web image's nginx configuration as the container gets it: the template files web.Dockerfile installs,
// rendered the way the nginx image's entrypoint (20-envsubst-on-templates.sh) renders them, then run by Debian's
// nginx with the image's own CMD arguments. Tests change only variables (listen address, web root, upstream),
// never the files themselves.

const WEB_DOCKERFILE = 'deploy/docker/web.Dockerfile';
const TEMPLATE_DIR = '/etc/nginx/templates/';
const TEMPLATE_SUFFIX = '.template';
export const NGINX_BINARY = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));

export interface NginxTemplate {
  /** Repository path of the template. */
  source: string;
  /** Path of the rendered file relative to the output folder (the entrypoint keeps sub-folders). */
  output: string;
}

const webImage = () => finalStage(readDockerfile(WEB_DOCKERFILE))!;

/** The templates web.Dockerfile installs (COPY ... /etc/nginx/templates/<path>.template). */
export function nginxTemplates(): NginxTemplate[] {
  return copyInstructions(webImage())
    .filter((c) => c.from === null && c.dest.startsWith(TEMPLATE_DIR) && c.dest.endsWith(TEMPLATE_SUFFIX))
    .map((c) => ({ source: c.sources[0]!, output: c.dest.slice(TEMPLATE_DIR.length, -TEMPLATE_SUFFIX.length) }));
}

/** The image's ENV: the template variables' defaults, and NGINX_ENVSUBST_OUTPUT_DIR. */
export const webImageEnv = (): Record<string, string> => envOf(webImage());

/** The image's CMD (["nginx", "-c", ...]). */
export function webImageCommand(): string[] {
  const cmd = instructionsOf(webImage(), 'CMD').at(-1);
  return (cmd ? execForm(cmd) : null) ?? [];
}

/** Upper-case variables a template refers to ($NAME or ${NAME}); nginx's own variables are lower-case. */
export const templateVariables = (text: string): string[] =>
  [...new Set([...text.matchAll(/\$\{?([A-Z_][A-Z0-9_]*)\}?/g)].map((m) => m[1]!))].sort();

/** envsubst "$defined_envs": replaces $NAME and ${NAME} for the names given, leaves everything else alone. */
export function envsubst(text: string, env: Record<string, string>): string {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (whole, braced?: string, bare?: string) => {
      const name = braced ?? bare ?? '';
      return Object.hasOwn(env, name) ? (env[name] ?? '') : whole;
    },
  );
}

export interface RenderedNginx {
  /** Where the entrypoint's output folder (NGINX_ENVSUBST_OUTPUT_DIR) is on this machine. */
  outputDir: string;
  env: Record<string, string>;
  /** The image CMD's arguments with the output folder mapped to this machine. */
  args: string[];
}

/**
 * Renders every template with the image's ENV plus `overrides` (as `docker run -e` would) into `outputDir`.
 * `mainConfig` picks the file passed to -c (nginx.conf by default, nginx-tls.conf for the TLS setup).
 */
export function renderNginx(
  outputDir: string,
  overrides: Record<string, string>,
  mainConfig?: string,
  command = webImageCommand(),
): RenderedNginx {
  const env = { ...webImageEnv(), ...overrides };
  for (const template of nginxTemplates()) {
    const target = join(outputDir, template.output);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, envsubst(readRepoFile(template.source), env));
  }
  const imageOutputDir = posix.normalize(webImageEnv().NGINX_ENVSUBST_OUTPUT_DIR ?? '/etc/nginx/conf.d');
  const mapPath = (arg: string) => arg.replaceAll(`${imageOutputDir}/`, `${outputDir}/`);
  const args = command.slice(1).map(mapPath);
  if (mainConfig) {
    const at = args.indexOf('-c');
    args[at + 1] = args[at + 1]!.replace(/[^/]+$/, mainConfig);
  }
  return { outputDir, env, args };
}

/** Debian's nginx running the rendered configuration in the foreground (the CMD says daemon off). */
export function startNginx(rendered: RenderedNginx): LoggedProcess {
  if (!NGINX_BINARY) throw new Error('nginx is not installed: apt-get install -y nginx (Debian package "nginx")');
  return spawnLogged(NGINX_BINARY, rendered.args, {}, join(rendered.outputDir, 'nginx.log'));
}

/** `nginx -t` on the rendered configuration: its exit code and nginx's own words. */
export function checkNginx(rendered: RenderedNginx): Promise<{ code: number | null; output: string }> {
  if (!NGINX_BINARY) throw new Error('nginx is not installed: apt-get install -y nginx (Debian package "nginx")');
  return runToExit(NGINX_BINARY, ['-t', ...rendered.args], {}, join(rendered.outputDir, 'nginx-t.log'));
}
