/** A failure the CLI explains in one clear message (no stack trace). */
export class DeployError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeployError';
  }
}
