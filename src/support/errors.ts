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

/**
 * A mistake in a remark configuration file (a plugin it names cannot be
 * found). Like `OptionsError` it carries no stack trace, and it has no
 * `stack` at all: the language server appends a cause's stack to the
 * diagnostic.
 */
export class ConfigError extends Error {
  override name = 'ConfigError'

  constructor(message: string) {
    super(message)
    Reflect.deleteProperty(this, 'stack')
  }
}
