/**
 * A mistake in the user’s options or templates. Its message says what to fix;
 * it carries no stack trace, which would only hide that message in reports.
 */
export class OptionsError extends Error {
  override name = 'OptionsError'

  constructor(message: string) {
    super(message)
    this.stack = `${this.name}: ${message}`
  }
}
