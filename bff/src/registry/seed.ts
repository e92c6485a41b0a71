import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { FragmentFile } from './content-hash.ts';
import { versionFor } from './content-hash.ts';
import type { FragmentMeta, FragmentRegistry } from './registry.ts';

/** All files under `dir`, with `/`-separated relative paths. */
export async function readDistFiles(dir: string): Promise<FragmentFile[]> {
  const out: FragmentFile[] = [];
  const walk = async (sub: string) => {
    for (const entry of await readdir(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(rel);
      else if (entry.isFile()) out.push({ path: rel, content: await readFile(path.join(dir, rel)) });
    }
  };
  await walk('');
  return out;
}

/**
 * First start: publish and activate the current build of each `apps/*-mfe` whose fragment has no
 * version in the registry yet. Same module as the HTTP API, so the same checks apply.
 */
export async function seedRegistry(
  registry: FragmentRegistry,
  appsDir: string,
  log: FastifyBaseLogger,
): Promise<string[]> {
  const seeded: string[] = [];
  let apps: string[];
  try {
    apps = (await readdir(appsDir)).filter((d) => d.endsWith('-mfe')).sort();
  } catch {
    return seeded;
  }
  const doc = await registry.read();
  for (const app of apps) {
    const dist = path.join(appsDir, app, 'dist');
    const metaFile = path.join(dist, 'fragment.json');
    try {
      await stat(metaFile);
    } catch {
      log.warn({ app }, 'fragment not built; not seeding it (run npm run build)');
      continue;
    }
    try {
      const meta = JSON.parse(await readFile(metaFile, 'utf8')) as FragmentMeta;
      if ((doc.fragments[meta.name]?.versions.length ?? 0) > 0) continue;
      const pkg = JSON.parse(await readFile(path.join(appsDir, app, 'package.json'), 'utf8')) as {
        version: string;
      };
      const files = await readDistFiles(dist);
      const version = versionFor(pkg.version, files);
      await registry.publish(meta.name, version, meta, files);
      await registry.activate(meta.name, version, { by: 'seed', action: 'seed' });
      seeded.push(`${meta.name}@${version}`);
      log.info({ fragment: meta.name, fragmentVersion: version }, 'registry seeded');
    } catch (err) {
      log.error({ err, app }, 'could not seed fragment');
    }
  }
  return seeded;
}
