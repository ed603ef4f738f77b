/**
 * How the CLI finds files and configuration: as `remark` does. Shared by the
 * engine run and by file discovery, which must agree on every file.
 */
export const engineFinding = {
  ignoreName: '.remarkignore',
  rcName: '.remarkrc',
  packageField: 'remarkConfig',
  pluginPrefix: 'remark',
  detectConfig: true,
  detectIgnore: true,
  // Hooks pass every staged file: an ignored one is skipped, not an error.
  silentlyIgnore: true
} as const
