// The walls between the repository's parts, as import rules: what may depend on what.
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';

const dirsIn = (root, folder) => {
  const base = path.join(root, folder);
  if (!existsSync(base)) return [];
  return readdirSync(base, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'node_modules')
    .map((d) => d.name);
};

/**
 * `import-x/no-restricted-paths` zones for a repository rooted at `root`. Tests may start their
 * real neighbours (`forTests`: a service's tests the other services, a package's tests the BFF);
 * the code under test may not import them.
 */
export function wallZones(root, { forTests = false } = {}) {
  const zones = [];
  const apps = dirsIn(root, 'apps');
  // A fragment never imports another fragment or the shell; the shell never imports a fragment.
  for (const app of apps)
    for (const other of apps)
      if (app !== other)
        zones.push({
          target: `./apps/${app}`,
          from: `./apps/${other}`,
          message: `apps/${app} may not import apps/${other}: fragments meet only through @simplebank/platform and the BFF.`,
        });
  // Inside a fragment, a feature never imports another feature (shared code lives in src/shared).
  for (const app of apps) {
    const features = dirsIn(root, `apps/${app}/src/features`);
    for (const feature of features)
      for (const other of features)
        if (feature !== other)
          zones.push({
            target: `./apps/${app}/src/features/${feature}`,
            from: `./apps/${app}/src/features/${other}`,
            message: `feature ${feature} may not import feature ${other}: move what both need to src/shared.`,
          });
  }
  // Packages never import apps, the BFF or services.
  // (A package's tests may start the real BFF, as the deploy command's tests do.)
  zones.push({
    target: './packages',
    from: forTests ? ['./apps', './services'] : ['./apps', './bff', './services'],
    message: 'packages are libraries: they never import apps, the BFF or services.',
  });
  // The BFF knows services only by their contracts (openapi/), never their code. Its entry point
  // alone may start the embedded services (`npm start`): a process concern, not a call path.
  zones.push({
    target: ['./bff/src/*/**', './bff/src/!(main).ts'],
    from: './services',
    message: 'the BFF never imports service code: call the service through its OpenAPI contract.',
  });
  // A service never reads another service's code.
  const services = forTests ? [] : dirsIn(root, 'services');
  for (const service of services)
    for (const other of services)
      if (service !== other && service !== 'embedded')
        zones.push({
          target: `./services/${service}`,
          from: `./services/${other}`,
          message: `services/${service} may not import services/${other}: services meet through events and HTTP.`,
        });
  return zones;
}
