import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { components } from '@simplebank/openapi';
import { DeployError } from './errors.ts';
import { fragmentVersion, readDist } from './content-hash.ts';
import { RegistryClient } from './registry-client.ts';
import type { DeploySettings } from './settings.ts';

type FragmentMeta = components['schemas']['FragmentMeta'];

export interface DeployOptions {
  /** The fragment's folder (where `fragment.config.json` is). */
  dir: string;
  settings: DeploySettings;
  /** Serve the new version to this share of users instead of activating it. */
  canary?: number;
  /** Deploy the existing `dist/` as it is (it was just built). */
  skipBuild?: boolean;
  log?: (line: string) => void;
  fetchImpl?: typeof fetch;
}

export interface DeployResult {
  name: string;
  version: string;
  published: boolean;
  channel: 'active' | 'canary';
  previous: string | null;
}

/** `npm run build` in this fragment's folder only: never turbo, never another app. */
export function runBuild(dir: string, log: (line: string) => void): Promise<void> {
  log(`building in ${dir} (npm run build)`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], {
      cwd: dir,
      stdio: 'inherit',
      env: process.env,
    });
    child.on('error', (err) => reject(new DeployError(`Could not run npm run build: ${err.message}`)));
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new DeployError(`npm run build failed in ${dir} (exit code ${code})`)),
    );
  });
}

async function readFragmentFolder(dir: string): Promise<{ packageVersion: string }> {
  if (!existsSync(path.join(dir, 'fragment.config.json'))) {
    throw new DeployError(
      `${dir} is not a fragment folder (no fragment.config.json). Run from apps/<name>-mfe, e.g. npm run deploy -w apps/orders-mfe.`,
    );
  }
  const pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as { version?: string };
  if (!pkg.version) throw new DeployError(`${dir}/package.json has no version`);
  return { packageVersion: pkg.version };
}

export async function deploy(opts: DeployOptions): Promise<DeployResult> {
  const log = opts.log ?? (() => undefined);
  if (opts.canary !== undefined && (!Number.isInteger(opts.canary) || opts.canary < 1 || opts.canary > 99)) {
    throw new DeployError('--canary takes a whole percentage between 1 and 99');
  }
  const { packageVersion } = await readFragmentFolder(opts.dir);
  if (!opts.skipBuild) await runBuild(opts.dir, log);
  const dist = path.join(opts.dir, 'dist');
  const metaFile = path.join(dist, 'fragment.json');
  if (!existsSync(metaFile))
    throw new DeployError(
      `${metaFile} is missing: the fragment must build with @simplebank/fragment-tools/vite.`,
    );
  const fragment = JSON.parse(await readFile(metaFile, 'utf8')) as FragmentMeta;
  const files = await readDist(dist);
  const version = fragmentVersion(packageVersion, files);
  const client = new RegistryClient(opts.settings, opts.fetchImpl);

  const before = (await client.state()).fragments.find((f) => f.name === fragment.name);
  const { created } = await client.publish(fragment.name, version, { ...fragment, version }, files);
  log(
    created
      ? `published ${fragment.name}@${version}`
      : `${fragment.name}@${version} was already published (same content)`,
  );

  if (opts.canary !== undefined) {
    await client.setCanary(fragment.name, version, opts.canary);
    log(
      `canary: ${opts.canary}% of users get ${fragment.name}@${version}; the others keep ${before?.active ?? 'nothing'}`,
    );
    return {
      name: fragment.name,
      version,
      published: created,
      channel: 'canary',
      previous: before?.active ?? null,
    };
  }
  await client.activate(fragment.name, version);
  if (before?.active === version) log(`${fragment.name}@${version} is already the active version`);
  else log(`activated ${fragment.name}@${version}${before?.active ? ` (was ${before.active})` : ''}`);
  return {
    name: fragment.name,
    version,
    published: created,
    channel: 'active',
    previous: before?.active ?? null,
  };
}

export async function rollback(
  opts: Omit<DeployOptions, 'canary' | 'skipBuild'>,
): Promise<{ name: string; active: string | null; previous: string | null }> {
  const log = opts.log ?? (() => undefined);
  await readFragmentFolder(opts.dir);
  const config = JSON.parse(await readFile(path.join(opts.dir, 'fragment.config.json'), 'utf8')) as {
    name: string;
  };
  const client = new RegistryClient(opts.settings, opts.fetchImpl);
  const before = (await client.state()).fragments.find((f) => f.name === config.name);
  if (!before) throw new DeployError(`The registry at ${opts.settings.url} has no fragment ${config.name}`);
  const change = await client.rollback(config.name);
  log(`rolled back ${config.name}: ${before.active} -> ${change.fragment.active}`);
  return { name: config.name, active: change.fragment.active, previous: before.active };
}
