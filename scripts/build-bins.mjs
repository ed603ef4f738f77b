// Bundle the three binaries (`npm run build` runs this after `tsc`): loading
// one file per command is most of a one-file run's start-up, where loading
// hundreds of small ES modules was (docs/performance.md). The library entry
// points (`dist/src/index.js`, `dist/rules/*.js`) stay unbundled for remark users.
//
// Plain JavaScript so that `npm pack` (prepack) needs nothing but esbuild.
import {readFileSync, rmSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {build} from 'esbuild'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const outdir = path.join(root, 'dist', 'bin')
const require = createRequire(import.meta.url)

/**
 * `src/cli/engine-internals.ts` loads unified-engine's finder by path at run
 * time (it is not exported); in the bundle the same files are imported
 * statically, so the finder is the engine's own bundled copy.
 */
const engineLib = path.join(path.dirname(require.resolve('unified-engine')), 'lib')
const engineInternals = {
  name: 'engine-internals',
  setup(context) {
    context.onResolve({filter: /[\\/]engine-internals\.js$/}, (args) =>
      /[\\/]src[\\/]cli[\\/](?:discover|config-lookup)\.ts$/.test(args.importer)
        ? {path: path.join(root, 'scripts', 'build', 'engine-internals.bundled.mjs')}
        : undefined
    )
    context.onResolve({filter: /^unified-engine-lib\//}, (args) => ({path: path.join(engineLib, args.path.slice('unified-engine-lib/'.length))}))
  }
}

/**
 * unified-language-server runs unified-engine with a fixed set of options;
 * its copy in the server bundle goes through `src/server/engine.ts`, which
 * adds plan-lint's handling of configured plugins (`configTransform`).
 */
const serverEngine = {
  name: 'server-engine',
  setup(context) {
    context.onResolve({filter: /^unified-engine$/}, (args) =>
      /[\\/]unified-language-server[\\/]/.test(args.importer) ? {path: path.join(root, 'src', 'server', 'engine.ts')} : undefined
    )
  }
}

/**
 * unified-language-server takes no hooks for code actions; in the bundle its
 * import of vscode-languageserver goes through `src/server/connection-shim.ts`,
 * whose `createConnection` adds plan-lint's (`src/server/extend-connection.ts`).
 */
const serverConnection = {
  name: 'server-connection',
  setup(context) {
    context.onResolve({filter: /^vscode-languageserver\/node(\.js)?$/}, (args) =>
      /[\\/]unified-language-server[\\/]/.test(args.importer) ? {path: path.join(root, 'src', 'server', 'connection-shim.ts')} : undefined
    )
  }
}

/**
 * vfile-reporter 8.1.1 (the stylish report) sizes every cell with
 * string-width 6, which makes an `Intl.Segmenter` per cell and tests each
 * character against the emoji expression: seconds for a report of thousands
 * of findings (docs/performance.md). string-width 8 measures plain ASCII in
 * one step and gives the same widths, but takes about 50 ms to load. The
 * bundle gives vfile-reporter `src/cli/formats/string-width.ts`, which
 * measures narrow text itself and string-width 8 the rest, loaded when a
 * report needs it.
 */
const stringWidth = path.dirname(require.resolve('string-width'))
const stringWidthFront = path.join(root, 'src', 'cli', 'formats', 'string-width.ts')
const fastStringWidth = {
  name: 'fast-string-width',
  setup(context) {
    context.onResolve({filter: /^string-width$/}, (args) => {
      if (/[\\/]vfile-reporter[\\/]/.test(args.importer)) return {path: stringWidthFront}
      if (args.importer !== stringWidthFront) return undefined
      const manifest = JSON.parse(readFileSync(path.join(stringWidth, 'package.json'), 'utf8'))
      if (Number(manifest.version.split('.')[0]) < 7) throw new Error(`Expected string-width 7 or later for vfile-reporter, found ${manifest.version}`)
      return {path: path.join(stringWidth, 'index.js')}
    })
  }
}

rmSync(outdir, {recursive: true, force: true})
const result = await build({
  absWorkingDir: root,
  entryPoints: {
    'plan-lint': 'src/cli/main.ts',
    'lint-worker': 'src/cli/lint-worker.ts',
    'language-server': 'src/server/language-server.ts',
    'plan-lint-mcp': 'src/mcp/main.ts'
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Chunks beside the entries: `new URL('./lint-worker.js', import.meta.url)` in the pool's chunk must find the worker.
  chunkNames: '[name]-[hash]',
  // CommonJS dependencies (vscode-languageserver, picomatch) call `require`.
  banner: {js: "import {createRequire as __planLintRequire} from 'node:module';const require = __planLintRequire(import.meta.url);"},
  plugins: [engineInternals, serverEngine, serverConnection, fastStringWidth],
  metafile: true,
  logLevel: 'warning'
})

// The bundled parser must stay micromark 4.0.2 (docs/performance.md: 4.0.3 is super-linear).
const micromarkVersions = new Set()
for (const input of Object.keys(result.metafile.inputs)) {
  const match = /^(.*node_modules[\\/]micromark)[\\/]/.exec(input)
  if (match) micromarkVersions.add(JSON.parse(readFileSync(path.join(root, match[1], 'package.json'), 'utf8')).version)
}
if (micromarkVersions.size !== 1 || !micromarkVersions.has('4.0.2')) {
  throw new Error(`Expected the binaries to bundle micromark 4.0.2 only, found ${[...micromarkVersions].join(', ') || 'none'}`)
}
