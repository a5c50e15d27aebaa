// The CLI's own failures. Each carries its exit code: 1 for a failure, 2 for
// bad usage (shown with the command's usage line).

export class CliError extends Error {
  constructor(
    message: string,
    /** A stable snake_case code, shown in --json error documents. */
    readonly code = 'failed',
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export class UsageError extends CliError {
  constructor(
    message: string,
    /** The command whose usage line to show; undefined for the global one. */
    readonly command?: string,
  ) {
    super(message, 'usage', 2);
    this.name = 'UsageError';
  }
}
