// Renders deploy/nginx.conf.template into <dir>/nginx.conf and prepares <dir> as nginx's prefix
// (logs/, temp/), so nginx runs from it without root: `nginx -p <dir> -c <dir>/nginx.conf -e <dir>/logs/error.log`.
// The replica test renders the same template this way, with its own ports.
//
//   NGINX_PUBLIC_LISTEN=8000 NGINX_INTERNAL_LISTEN=127.0.0.1:8001 \
//   CALENDAR_SERVER_REPLICAS=127.0.0.1:60001,127.0.0.1:60002 \
//   ASSISTANT_REPLICAS=127.0.0.1:8081,127.0.0.1:8082 ADMIN_REPLICAS=127.0.0.1:5174,127.0.0.1:5175 \
//   node deploy/render-nginx-conf.mjs /srv/agendo/nginx
//
// Plain JavaScript on purpose: it runs on a server with only the build (no tsx).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TEMPLATE = fileURLToPath(new URL('./nginx.conf.template', import.meta.url));
/** `8000`, `127.0.0.1:8000`, `[::1]:8000`, `agendo.internal:8000`. */
const LISTEN = /^(?:(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):)?\d{1,5}$/;
/** `127.0.0.1:60001`, `[::1]:60001`, `calendar-1.internal:60001`: a port is required. */
const REPLICA = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):\d{1,5}$/;

/**
 * The upstream `server` lines of a comma-separated replica list.
 * @param {string} variable @param {string | undefined} value @param {string[]} problems
 */
function upstreamServers(variable, value, problems) {
  const replicas = (value ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
  if (replicas.length === 0) problems.push(`${variable}: is required (comma-separated host:port of each replica)`);
  const wrong = replicas.filter((r) => !REPLICA.test(r));
  if (wrong.length > 0) problems.push(`${variable}: each replica must be host:port (not: ${wrong.join(', ')})`);
  return replicas.map((r) => `        server ${r} max_fails=1 fail_timeout=5s;`).join('\n');
}

/**
 * The values of the template's ${NAME}s, from `env`; throws naming every missing or malformed variable.
 * @param {NodeJS.ProcessEnv} env
 * @returns {Record<string, string>}
 */
export function nginxTemplateValues(env) {
  /** @type {string[]} */
  const problems = [];
  for (const name of ['NGINX_PUBLIC_LISTEN', 'NGINX_INTERNAL_LISTEN']) {
    const value = env[name]?.trim() ?? '';
    if (!LISTEN.test(value)) problems.push(`${name}: must be a port or address:port to listen on (got ${JSON.stringify(value)})`);
  }
  const workers = env.NGINX_WORKER_PROCESSES?.trim() || 'auto';
  if (!/^(auto|[1-9]\d?)$/.test(workers)) problems.push('NGINX_WORKER_PROCESSES: must be auto or a number');
  const values = {
    NGINX_PUBLIC_LISTEN: env.NGINX_PUBLIC_LISTEN?.trim() ?? '',
    NGINX_INTERNAL_LISTEN: env.NGINX_INTERNAL_LISTEN?.trim() ?? '',
    NGINX_WORKER_PROCESSES: workers,
    CALENDAR_SERVER_UPSTREAM_SERVERS: upstreamServers('CALENDAR_SERVER_REPLICAS', env.CALENDAR_SERVER_REPLICAS, problems),
    ASSISTANT_UPSTREAM_SERVERS: upstreamServers('ASSISTANT_REPLICAS', env.ASSISTANT_REPLICAS, problems),
    ADMIN_UPSTREAM_SERVERS: upstreamServers('ADMIN_REPLICAS', env.ADMIN_REPLICAS, problems),
  };
  if (problems.length > 0) throw new Error(`cannot render the nginx configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return values;
}

/**
 * Fills the template; a ${NAME} it does not know is an error (nginx's own variables are $lowercase).
 * @param {string} template @param {Record<string, string>} values
 */
export function renderNginxConf(template, values) {
  return template.replace(/\$\{([A-Z0-9_]+)\}/g, (_, /** @type {string} */ name) => {
    const value = values[name];
    if (value === undefined) throw new Error(`the template uses \${${name}}, which the renderer does not know`);
    return value;
  });
}

// (realpath: the script may be reached through a symlinked release folder.)
const invokedDirectly = process.argv[1] !== undefined && fs.existsSync(process.argv[1]) && fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url));
if (invokedDirectly) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: node deploy/render-nginx-conf.mjs <prefix-dir>   (variables: see deploy/README.md)\n');
    process.exit(2);
  }
  try {
    const prefix = path.resolve(dir);
    const conf = renderNginxConf(fs.readFileSync(TEMPLATE, 'utf8'), nginxTemplateValues(process.env));
    fs.mkdirSync(path.join(prefix, 'logs'), { recursive: true });
    fs.mkdirSync(path.join(prefix, 'temp'), { recursive: true });
    // Started as root, nginx's workers run as `nobody` and must reach temp/.
    fs.chmodSync(prefix, 0o755);
    fs.writeFileSync(path.join(prefix, 'nginx.conf'), conf);
    process.stdout.write(`wrote ${path.join(prefix, 'nginx.conf')}\nrun:  nginx -p ${prefix} -c ${path.join(prefix, 'nginx.conf')} -e ${path.join(prefix, 'logs', 'error.log')}\n`);
  } catch (err) {
    process.stderr.write(`${/** @type {Error} */ (err).message}\n`);
    process.exit(1);
  }
}
