import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBff, loadConfig, versionFor } from '@simplebank/bff';
import { fragmentVersion } from './content-hash.ts';
import { deploy, rollback } from './deploy.ts';
import { DeployError } from './errors.ts';
import type { DeploySettings } from './settings.ts';

const TOKEN = 'cli-test-token';
const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/sb-fragment.mjs');

/** A fragment folder whose `npm run build` writes a small dist with the given marker. */
async function makeFragment(root: string, marker: string, contractVersion = '2.0.0'): Promise<string> {
  const dir = path.join(root, 'demo-mfe');
  await mkdir(dir, { recursive: true });
  const meta = {
    name: 'demo',
    title: 'Demo',
    routes: ['/demo'],
    nav: [{ label: 'Demo', path: '/demo' }],
    requiredRole: null,
  };
  await writeFile(path.join(dir, 'fragment.config.json'), JSON.stringify(meta));
  const build = [
    "const fs=require('fs');fs.rmSync('dist',{recursive:true,force:true});fs.mkdirSync('dist/assets',{recursive:true});",
    `fs.writeFileSync('dist/mf-manifest.json',JSON.stringify({name:'demo'}));`,
    `fs.writeFileSync('dist/assets/a.js','export default ${JSON.stringify(marker)}');`,
    `fs.writeFileSync('dist/fragment.json',JSON.stringify(${JSON.stringify({ ...meta, contractVersion })}));`,
  ].join('');
  await writeFile(path.join(dir, 'build.cjs'), build);
  await writeFile(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'demo-mfe', version: '2.1.0', scripts: { build: 'node build.cjs' } }),
  );
  return dir;
}

describe('sb-fragment deploy and rollback against a real BFF', () => {
  let app: FastifyInstance;
  let root: string;
  let settings: DeploySettings;
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'sb-deploy-'));
    app = await buildBff(
      loadConfig(
        {},
        {
          dataDir: root,
          registryDir: path.join(root, 'registry'),
          shellDist: null,
          seedAppsDir: null,
          deployToken: TOKEN,
          logLevel: 'silent',
          strictResponses: true,
        },
      ),
    );
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    settings = { url: `http://127.0.0.1:${address.port}`, token: TOKEN, tokenSource: 'test' };
  });
  afterAll(async () => {
    await app.close();
    await rm(root, { recursive: true, force: true });
  });

  const shellView = async () => {
    const res = await fetch(`${settings.url}/api/fragments`);
    const body = (await res.json()) as {
      fragments: { name: string; channel: string; candidates: { version: string }[] }[];
    };
    return body.fragments.find((f) => f.name === 'demo');
  };

  it('builds in the fragment folder, versions by content, publishes and activates; the same build again is a no-op', async () => {
    const dir = await makeFragment(root, 'one');
    const first = await deploy({ dir, settings, log });
    expect(first).toMatchObject({ name: 'demo', published: true, channel: 'active', previous: null });
    expect(first.version).toMatch(/^2\.1\.0-[0-9a-f]{10}$/);
    expect((await shellView())?.candidates[0]?.version).toBe(first.version);

    const again = await deploy({ dir, settings, log });
    expect(again).toMatchObject({ version: first.version, published: false });
    const files = await fetch(`${settings.url}/fragments/demo/${first.version}/assets/a.js`);
    expect(await files.text()).toBe('export default "one"');
  });

  it('deploys a canary, then rolls back', async () => {
    const dir = await makeFragment(root, 'one');
    const stable = await deploy({ dir, settings, log });
    await makeFragment(root, 'two');
    const canary = await deploy({ dir, settings, canary: 30, log });
    expect(canary.channel).toBe('canary');
    expect(canary.version).not.toBe(stable.version);
    const state = (await (
      await fetch(`${settings.url}/api/admin/fragments`, { headers: { authorization: `Bearer ${TOKEN}` } })
    ).json()) as {
      fragments: { name: string; active: string; canary: { version: string; percent: number } | null }[];
    };
    expect(state.fragments.find((f) => f.name === 'demo')).toMatchObject({
      active: stable.version,
      canary: { version: canary.version, percent: 30 },
    });

    const three = await makeFragment(root, 'three');
    const newest = await deploy({ dir: three, settings, log });
    expect((await shellView())?.candidates[0]?.version).toBe(newest.version);
    const back = await rollback({ dir, settings, log });
    expect(back).toMatchObject({ active: stable.version, previous: newest.version });
    expect((await shellView())?.channel).toBe('active');
  });

  it('explains an unreachable BFF, a refused token and a refused contract', async () => {
    const dir = await makeFragment(root, 'x');
    await expect(
      deploy({ dir, settings: { ...settings, url: 'http://127.0.0.1:9' }, skipBuild: true }),
    ).rejects.toThrow(/Cannot reach the BFF at http:\/\/127\.0\.0\.1:9/);
    await expect(
      deploy({
        dir,
        settings: { ...settings, token: 'wrong', tokenSource: 'REGISTRY_DEPLOY_TOKEN' },
        skipBuild: true,
      }),
    ).rejects.toThrow(/refused the deploy token from REGISTRY_DEPLOY_TOKEN/);
    const future = await makeFragment(root, 'future', '3.0.0');
    await expect(deploy({ dir: future, settings, log })).rejects.toThrow(
      /refused this build: .*platform contract 3\.0\.0/,
    );
    await expect(deploy({ dir: root, settings })).rejects.toBeInstanceOf(DeployError);
    await expect(deploy({ dir, settings, canary: 150, skipBuild: true })).rejects.toThrow(/between 1 and 99/);
  });

  it('runs as a command with a clear message and exit code', async () => {
    const dir = await makeFragment(root, 'cli');
    // Asynchronous: the BFF answering the command runs in this very process.
    const run = (args: string[], env: Record<string, string>) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [bin, ...args],
          { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8' },
          (err, stdout, stderr) =>
            resolve({ status: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
        );
      });
    const ok = await run(['deploy'], { SIMPLEBANK_URL: settings.url, REGISTRY_DEPLOY_TOKEN: TOKEN });
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toMatch(/activated demo@2\.1\.0-/);
    expect(ok.status).toBe(0);
    const refused = await run(['rollback'], { SIMPLEBANK_URL: settings.url, REGISTRY_DEPLOY_TOKEN: 'nope' });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^sb-fragment: The registry refused the deploy token/);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('version', () => {
  it('is computed exactly as the registry computes it when seeding', () => {
    const files = [
      { path: 'mf-manifest.json', content: Buffer.from('{}') },
      { path: 'assets/x.js', content: Buffer.from('x') },
      { path: 'fragment.json', content: Buffer.from('{"name":"a"}') },
    ];
    expect(fragmentVersion('1.0.0', files)).toBe(versionFor('1.0.0', files));
    expect(fragmentVersion('1.0.0', [...files].reverse())).toBe(fragmentVersion('1.0.0', files));
    expect(fragmentVersion('1.0.0', files.slice(1))).not.toBe(fragmentVersion('1.0.0', files));
  });
});
