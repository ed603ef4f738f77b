// The bundled binaries' `src/cli/engine-internals.ts`: unified-engine's finder
// and ignore files, imported statically (`unified-engine-lib/` is resolved
// by scripts/build-bins.mjs to the engine's `lib/` folder), so they are the
// engine's own copies in the bundle.
import * as finder from 'unified-engine-lib/finder.js'
import * as ignore from 'unified-engine-lib/ignore.js'

export async function importEngineInternals() {
  return {finder, ignore}
}

// A chunk of its own, loaded only when a configuration file applies (it holds the plugin loader).
export function importConfiguration() {
  return import('unified-engine-lib/configuration.js')
}
