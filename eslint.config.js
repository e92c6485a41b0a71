// The repository's one lint setup lives in tooling/eslint-config; the walls are drawn from this folder.
import { repositoryConfig } from '@simplebank/eslint-config';

export default repositoryConfig(import.meta.dirname);
