import { parseArgs } from 'node:util';
import { deploy, rollback } from './deploy.ts';
import { DeployError } from './errors.ts';
import { resolveSettings } from './settings.ts';

const USAGE = `Usage (from a fragment's folder, e.g. npm run deploy -w apps/orders-mfe):
  sb-fragment deploy [--canary <percent>] [--skip-build]   build, publish, activate (or canary)
  sb-fragment rollback                                     reactivate the previous version
Environment: SIMPLEBANK_URL (default http://localhost:3000), REGISTRY_DEPLOY_TOKEN
(default: the token the embedded BFF wrote to var/registry/deploy-token).`;

/** Runs the CLI; returns the exit code. */
export async function main(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): Promise<number> {
  const log = (line: string) => console.log(`sb-fragment: ${line}`);
  try {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        canary: { type: 'string' },
        'skip-build': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    const command = positionals[0];
    if (values.help || command === undefined) {
      console.log(USAGE);
      return command === undefined && !values.help ? 2 : 0;
    }
    if (command === 'deploy') {
      const canary = values.canary === undefined ? undefined : Number(values.canary);
      if (canary !== undefined && Number.isNaN(canary))
        throw new DeployError('--canary takes a number, e.g. --canary 10');
      const settings = await resolveSettings(env, cwd);
      await deploy({ dir: cwd, settings, canary, skipBuild: values['skip-build'] ?? false, log });
      return 0;
    }
    if (command === 'rollback') {
      await rollback({ dir: cwd, settings: await resolveSettings(env, cwd), log });
      return 0;
    }
    console.error(`sb-fragment: unknown command "${command}"\n${USAGE}`);
    return 2;
  } catch (err) {
    if (err instanceof DeployError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`sb-fragment: ${(err as Error).message}`);
      return 1;
    }
    throw err;
  }
}
