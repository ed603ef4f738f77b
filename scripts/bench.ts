// `npm run bench [-- --quick]`: plan-lint side by side with the parse floor
// and its peers, from one run, commands interleaved. Ratios matter, not the
// absolute numbers: see docs/performance.md.
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {availableParallelism, loadavg, tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {reporter} from 'vfile-reporter'
import {generateCorpus, generateLargePlan, readSources, writeCorpus} from './bench/corpus.js'
import {floorVersusPreset, micromarkVersions, parseOnly, parserMicromarkVersion, presetRunner} from './bench/in-process.js'
import {cacheTimes} from './bench/cache.js'
import {writeMixedTree} from './bench/mixed-tree.js'
import {installedParser} from './bench/installed-parser.js'
import {firstDiagnosticsTimes, languageServerTimes} from './bench/language-server.js'
import {mcpLintTimes} from './bench/mcp-server.js'
import {formatMs, formatRatio, interleave, interleaveAsync, median, medianCpuMs, medianMs, peakMb, runCommand, type CommandRun} from './bench/measure.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const quick = process.argv.includes('--quick')
// `--targets`: only what issue 22's targets need (the mixed tree, 300 plans against remark, memory on 1,000 plans, start-up), and their summary.
const targetsOnly = process.argv.includes('--targets')
// `--cli`: only the binaries side by side (throughput, start-up, language server), not the in-process, parser, growth and cache sections.
const cliOnly = process.argv.includes('--cli') || targetsOnly
const settings = quick
  ? {plans: 300, sizes: [300], rounds: 2, startRounds: 5, inProcessRounds: 3, lsEdits: 5, largeBytes: 640_000}
  : {plans: 1000, sizes: [300, 1000], rounds: 2, startRounds: 9, inProcessRounds: 5, lsEdits: 9, largeBytes: 950_000}

const node = process.execPath
const bin = {
  // The bundled binaries, as installed (package.json `bin`).
  planLint: path.join(root, 'dist', 'bin', 'plan-lint.js'),
  server: path.join(root, 'dist', 'bin', 'language-server.js'),
  mcp: path.join(root, 'dist', 'bin', 'plan-lint-mcp.js'),
  preset: path.join(root, 'dist', 'src', 'index.js'),
  remark: path.join(root, 'node_modules', 'remark-cli', 'cli.js'),
  markdownlint: path.join(root, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs'),
  gfm: path.join(root, 'node_modules', 'remark-gfm', 'index.js'),
  frontmatter: path.join(root, 'node_modules', 'remark-frontmatter', 'index.js')
}
if (!existsSync(bin.planLint)) throw new Error('Run `npm run build` first (npm run bench does)')

const lines: string[] = []
const say = (text = ''): void => {
  lines.push(text)
  console.log(text)
}
const bytesOf = (values: string[]) => values.reduce((sum, value) => sum + Buffer.byteLength(value), 0)
const mb = (bytes: number) => bytes / 1_000_000
const target = (ok: boolean) => (ok ? 'met' : 'NOT met')

// Commands, each run with cwd = the folder it lints.
const planLint = (cwd: string, args = ['.'], env: Record<string, string> = {}) => () => runCommand([node, bin.planLint, ...args], cwd, env)
const remarkBare = (cwd: string) => () => runCommand([node, bin.remark, '--use', bin.gfm, '--use', bin.frontmatter, '--no-stdout', '--quiet', '.'], cwd)
const remarkPlanLint = (cwd: string) => () =>
  runCommand([node, bin.remark, '--use', bin.gfm, '--use', bin.frontmatter, '--use', bin.preset, '--no-stdout', '--quiet', '.'], cwd)
const markdownlint = (cwd: string, files = ['**/*.md']) => () => runCommand([node, bin.markdownlint, ...files], cwd)
const load = () => loadavg().map((value) => value.toFixed(2)).join(', ')

const work = mkdtempSync(path.join(tmpdir(), 'plan-lint-bench-'))
try {
  say(`plan-lint benchmark (${quick ? 'quick' : 'full'}${targetsOnly ? ', --targets' : cliOnly ? ', --cli' : ''}): node ${process.version}, ${availableParallelism()} cores, medians of interleaved runs`)
  say(`load average at the start (1, 5, 15 min): ${load()} (the machine is shared: read the ratios)`)
  const sources = readSources(root)
  const corpus = generateCorpus(settings.plans, sources)
  const dirs = {
    one: path.join(work, 'one'),
    hundred: path.join(work, 'hundred'),
    all: path.join(work, 'all'),
    large: path.join(work, 'large')
  }
  writeCorpus(dirs.one, corpus.slice(0, 1))
  writeCorpus(dirs.hundred, corpus.slice(0, 100))
  writeCorpus(dirs.all, corpus)
  const large = generateLargePlan(Math.ceil(settings.largeBytes / 70), sources)
  const lsLarge = generateLargePlan(6000, sources).split('\n').slice(0, 6000).join('\n') + '\n'
  mkdirSync(dirs.large)
  writeFileSync(path.join(dirs.large, 'large.md'), large)
  const typical = sources.plans[0]!
  say(`corpus: ${corpus.length} generated plans, ${mb(bytesOf(corpus)).toFixed(2)} MB (${(bytesOf(corpus) / corpus.length / 1000).toFixed(1)} KB each); one large plan ${mb(bytesOf([large])).toFixed(2)} MB`)
  say()

  const lint = await presetRunner(bin.preset)
  const sample = corpus.slice(0, 100)
  const corpusDirectory = path.resolve(root, '..', 'shared', 'corpus')
  const shared = existsSync(corpusDirectory) ? readdirSync(corpusDirectory).filter((name) => name.endsWith('.md')).sort().map((name) => readFileSync(path.join(corpusDirectory, name), 'utf8')) : []
  if (!cliOnly) {
    // 1. The rules against the parse, in process.
    const inProcess = await floorVersusPreset(sample, lint, settings.inProcessRounds)
    const rulesShare = inProcess.full / inProcess.parse
    say('## In process: parse floor (mdast-util-from-markdown + gfm + frontmatter) vs parse + full preset')
    say(`100 plans: parse ${formatMs(inProcess.parse)}, preset ${formatMs(inProcess.full)}: ${formatRatio(rulesShare)} (target ≤ 1.10×: ${target(rulesShare <= 1.1)})`)
    say(`  inside the preset runs: rules ${formatMs(inProcess.rules)}, ${percentOf(inProcess.rules, inProcess.full - inProcess.rules)} of their parse`)
    if (shared.length > 0) {
      const real = await floorVersusPreset(shared, lint, settings.inProcessRounds)
      say(`../shared/corpus (${shared.length} real plans): parse ${formatMs(real.parse)}, preset ${formatMs(real.full)}: ${formatRatio(real.full / real.parse)}`)
    }
    const largeTimes = await floorVersusPreset([large], lint, Math.max(3, settings.inProcessRounds - 2))
    const typicalTimes = await floorVersusPreset(sources.plans, lint, settings.inProcessRounds)
    // The rules' share measured inside the preset's own runs: no noise between two separate runs.
    const rulesLine = (times: typeof largeTimes) =>
      `parse ${formatMs(times.parse)}, preset ${formatMs(times.full)} (${formatRatio(times.full / times.parse)}); rules ${formatMs(times.rules)}, ${percentOf(times.rules, times.full - times.rules)} of the preset's parse`
    say(`${sources.plans.length} fixture plans (${(bytesOf(sources.plans) / 1000).toFixed(0)} KB): ${rulesLine(typicalTimes)}`)
    say(`one large plan (${mb(bytesOf([large])).toFixed(2)} MB): ${rulesLine(largeTimes)}`)
    say(`parse per MB: fixture plans ${formatMs(typicalTimes.parse / mb(bytesOf(sources.plans)))}, large ${formatMs(largeTimes.parse / mb(bytesOf([large])))}`)
    say()

    // 2. micromark: the pinned 4.0.2 against 4.0.3.
    say('## Parser: micromark 4.0.2 (bundled) vs 4.0.3, tokenizer only')
    say(`micromark under remark here: ${parserMicromarkVersion(root)}`)
    // Its own document: the preset refuses files over 1 MB by default (`limits.bytes`).
    const huge = generateLargePlan(Math.ceil((quick ? 640_000 : 2_000_000) / 70), sources)
    for (const bytes of quick ? [50_000, 640_000] : [50_000, 640_000, 2_000_000]) {
      const value = cutAtLine(huge, bytes)
      const times = micromarkVersions(value, bytes > 1_000_000 ? 3 : 5)
      say(`${(bytes / 1000).toFixed(0)} KB: 4.0.2 ${formatMs(times.pinned)}, 4.0.3 ${formatMs(times.newer)}: 4.0.3 takes ${formatRatio(times.newer / times.pinned)}`)
    }
    const installed = installedParser(cutAtLine(huge, 640_000))
    say(`installed from the packed tarball beside remark-cli@12, a 640 KB plan: the preset parses with micromark ${installed.preset} in ${formatMs(installed.presetMs)}, bare remark with ${installed.remark} in ${formatMs(installed.remarkMs)} (${formatRatio(installed.remarkMs / installed.presetMs)})`)
    say()
  }

  // 3. Throughput: C plan-lint, A remark --use plan-lint, B parse-only remark, D markdownlint-cli2, one interleaved run per size.
  // Issue 22's targets, each from this run, summed up at the end.
  const targets: Array<{what: string; measured: string; ok: boolean}> = []
  const throughput: Record<number, Record<string, CommandRun[]>> = {}
  for (const size of settings.sizes) {
    const directory = size === corpus.length ? dirs.all : path.join(work, `first-${size}`)
    if (!existsSync(directory)) writeCorpus(directory, corpus.slice(0, size))
    // With --targets, 1,000 plans are only for plan-lint's peak memory.
    const memoryOnly = targetsOnly && size === 1000
    const names = memoryOnly ? ['C'] : targetsOnly ? ['C', 'A', 'D'] : ['C', 'A', 'B', 'D']
    say(`## CLI throughput, ${size} plans: ${memoryOnly ? 'C `plan-lint` alone (its peak memory)' : 'C `plan-lint`, A `remark --use plan-lint`, B parse-only `remark` (remark-gfm, remark-frontmatter), D markdownlint-cli2 0.22.1 (default rules)'}`)
    const commands: Record<string, () => CommandRun> = {C: planLint(directory), A: remarkPlanLint(directory), B: remarkBare(directory), D: markdownlint(directory)}
    const runs = interleave(Object.fromEntries(names.map((name) => [name, commands[name]!])), memoryOnly ? 1 : settings.rounds)
    throughput[size] = runs
    const ms = (name: string) => medianMs(runs[name]!)
    const cpu = (name: string) => medianCpuMs(runs[name]!)
    const one = (name: string) => `${name} ${formatMs(ms(name))} (CPU ${formatMs(cpu(name))}, peak ${formatMb(peakMb(runs[name]!))})`
    say(names.map(one).join(', '))
    if (!memoryOnly) {
      const bare = runs.B ? `, A/B ${formatRatio(ms('A') / ms('B'))}` : ''
      say(`wall: C/A ${formatRatio(ms('C') / ms('A'))} (target ≤ 1: ${target(ms('C') <= ms('A'))}), C/D ${formatRatio(ms('C') / ms('D'))} (target < 1: ${target(ms('C') < ms('D'))})${bare}`)
      say(`CPU:  C/A ${formatRatio(cpu('C') / cpu('A'))}, C/D ${formatRatio(cpu('C') / cpu('D'))}${runs.B ? `, A/B ${formatRatio(cpu('A') / cpu('B'))}` : ''}; exit codes C ${runs.C![0]!.status}, A ${runs.A![0]!.status}, D ${runs.D![0]!.status}`)
    }
    if (size === 300) targets.push({what: '300 plans: `plan-lint` ≤ 1.0 × `remark --use plan-lint`', measured: `${formatRatio(ms('C') / ms('A'))} wall, ${formatRatio(cpu('C') / cpu('A'))} CPU`, ok: ms('C') <= ms('A')})
    if (size === 1000) {
      const peak = peakMb(runs.C!) ?? Infinity
      say(`C peak memory ${formatMb(peakMb(runs.C!))} (target ≤ 300 MB: ${target(peak <= 300)})`)
      targets.push({what: '1,000 plans: `plan-lint` peak memory ≤ 300 MB', measured: formatMb(peakMb(runs.C!)), ok: peak <= 300})
    }
    say()
  }

  // Issue 22: a repository's Markdown, plans a tenth of it.
  {
    const directory = path.join(work, 'mixed')
    const tree = writeMixedTree(directory, root, corpus, 1000, 100)
    say(`## A mixed tree: ${tree.plans + tree.others} Markdown files, ${tree.plans} plans among ${tree.others} READMEs and changelogs from node_modules (${tree.distinct} distinct), ${mb(tree.bytes).toFixed(2)} MB: C \`plan-lint\`, D markdownlint-cli2, A \`remark --use plan-lint\``)
    const runs = interleave({C: planLint(directory), D: markdownlint(directory), A: remarkPlanLint(directory)}, settings.rounds)
    const ms = (name: string) => medianMs(runs[name]!)
    const cpu = (name: string) => medianCpuMs(runs[name]!)
    say(['C', 'D', 'A'].map((name) => `${name} ${formatMs(ms(name))} (CPU ${formatMs(cpu(name))}, peak ${formatMb(peakMb(runs[name]!))})`).join(', '))
    say(`wall: C/D ${formatRatio(ms('C') / ms('D'))} (target ≤ 0.50×: ${target(ms('C') / ms('D') <= 0.5)}), C/A ${formatRatio(ms('C') / ms('A'))}`)
    say(`CPU:  C/D ${formatRatio(cpu('C') / cpu('D'))}, C/A ${formatRatio(cpu('C') / cpu('A'))}; exit codes C ${runs.C![0]!.status}, D ${runs.D![0]!.status}, A ${runs.A![0]!.status}`)
    targets.push({what: 'mixed tree, 1,000 files with 100 plans: `plan-lint` ≤ 0.5 × markdownlint-cli2', measured: `${formatRatio(ms('C') / ms('D'))} wall, ${formatRatio(cpu('C') / cpu('D'))} CPU`, ok: ms('C') / ms('D') <= 0.5})
    say()
  }
  // Bare remark prints nothing; with plan-lint, vfile-reporter formats every finding.
  if (!targetsOnly) {
  const linted = await Promise.all(sample.map(async (value) => (await lint(value)).file))
  const findings = linted.reduce((sum, file) => sum + file.messages.length, 0)
  const reportTimes = await interleaveAsync({report: async () => time(() => reporter(linted))}, 3)
  say(`vfile-reporter (A's report) formatting the ${findings} findings of 100 plans, in process: ${formatMs(median(reportTimes.report!))}`)
  if (shared.length > 0) {
    const real = interleave({planLint: planLint(corpusDirectory), markdownlint: markdownlint(corpusDirectory)}, settings.rounds)
    say(`../shared/corpus (${shared.length} real plans): plan-lint ${formatMs(medianMs(real.planLint!))}, markdownlint-cli2 ${formatMs(medianMs(real.markdownlint!))}`)
  }
  say()
  }
  if (!cliOnly) {
    say('## CLI: `plan-lint` time per MB and peak memory as the input grows')
    const growth = interleave(
      {one: planLint(dirs.one), hundred: planLint(dirs.hundred), large: planLint(dirs.large)},
      settings.rounds
    )
    const perMb = (runs: CommandRun[], bytes: number) => `${formatMs(medianMs(runs) / mb(bytes))}/MB, peak ${formatMb(peakMb(runs))}`
    say(`1 plan: ${perMb(growth.one!, bytesOf(corpus.slice(0, 1)))} (mostly start-up)`)
    say(`100 plans: ${perMb(growth.hundred!, bytesOf(corpus.slice(0, 100)))}`)
    say(`${corpus.length} plans: ${perMb(throughput[corpus.length]!.C!, bytesOf(corpus))}`)
    say(`1 large plan (${mb(bytesOf([large])).toFixed(2)} MB): ${perMb(growth.large!, bytesOf([large]))}`)
    say()

    // The cache: a repeated run over unchanged files.
    say(`## CLI: \`plan-lint --cache\`, ${corpus.length} unchanged plans`)
    const cached = cacheTimes(dirs.all, bin.planLint)
    say(`first run ${formatMs(cached.firstMs)}, repeated ${formatMs(cached.repeatedMs)}: ${cached.ratio.toFixed(3)} of the first (target < 0.1: ${target(cached.ratio < 0.1)})`)
    say()
  }

  // 5. Start-up: the pre-commit case, one file.
  say('## Start-up: one plan, C `plan-lint` vs `remark --version` and D markdownlint-cli2 on the same file')
  const start = interleave(
    {
      planLint: planLint(dirs.one, ['plan-0001.md']),
      remarkVersion: () => runCommand([node, bin.remark, '--version'], dirs.one),
      markdownlint: markdownlint(dirs.one, ['plan-0001.md']),
      node: () => runCommand([node, '-e', '0'], dirs.one)
    },
    settings.startRounds
  )
  const startMs = (name: string) => medianMs(start[name]!)
  const startCpu = (name: string) => medianCpuMs(start[name]!)
  const versusRemark = startMs('planLint') / startMs('remarkVersion')
  const versusMarkdownlint = startMs('planLint') / startMs('markdownlint')
  const bare = (name: string) => `${formatMs(startMs(name))} (CPU ${formatMs(startCpu(name))})`
  say(`plan-lint one file ${bare('planLint')}, remark --version ${bare('remarkVersion')}, markdownlint-cli2 one file ${bare('markdownlint')}, node -e 0 ${bare('node')}`)
  say(`wall: vs remark --version ${formatRatio(versusRemark)} (target ≤ 1.00×: ${target(versusRemark <= 1)}), vs markdownlint-cli2 ${formatRatio(versusMarkdownlint)} (target ≤ 0.80×: ${target(versusMarkdownlint <= 0.8)})`)
  say(`CPU:  vs remark --version ${formatRatio(startCpu('planLint') / startCpu('remarkVersion'))}, vs markdownlint-cli2 ${formatRatio(startCpu('planLint') / startCpu('markdownlint'))}`)
  say()
  targets.push({what: 'one file: `plan-lint` ≤ 1.0 × `remark --version`', measured: `${formatRatio(versusRemark)} wall, ${formatRatio(startCpu('planLint') / startCpu('remarkVersion'))} CPU`, ok: versusRemark <= 1})
  targets.push({what: 'one file: `plan-lint` ≤ 0.8 × markdownlint-cli2', measured: `${formatRatio(versusMarkdownlint)} wall, ${formatRatio(startCpu('planLint') / startCpu('markdownlint'))} CPU`, ok: versusMarkdownlint <= 0.8})

  // 6. The language server.
  if (!targetsOnly) {
  say('## Language server: start → first diagnostics, didChange → diagnostics')
  const first = await firstDiagnosticsTimes(bin.server, typical, Math.max(3, settings.startRounds - 4))
  say(`start to first diagnostics of a typical plan: ${formatMs(median(first))} (spawn, initialize, open)`)
  const ls = await languageServerTimes(bin.server, {typical, large: lsLarge}, settings.lsEdits)
  const lsParse = await interleaveAsync({parse: async () => time(() => parseOnly(lsLarge))}, settings.lsEdits)
  const typicalLs = median(ls.typical!)
  const largeLs = median(ls.large!)
  const largeParse = median(lsParse.parse!)
  say(`typical plan (${typical.split('\n').length} lines): ${formatMs(typicalLs)} (target ≤ 150 ms: ${target(typicalLs <= 150)})`)
  say(`6,000-line plan: ${formatMs(largeLs)}, in-process parse ${formatMs(largeParse)}: ${formatRatio(largeLs / largeParse)} (target ≤ 1.30×: ${target(largeLs / largeParse <= 1.3)})`)
  say()

  // 7. The MCP server: a coding agent's `lint` call, start-up excluded.
  say('## MCP server: `lint` tool call on a typical plan (start-up excluded)')
  const mcp = await mcpLintTimes(bin.mcp, typical, settings.lsEdits)
  const mcpPath = median(mcp.byPath)
  const mcpContent = median(mcp.byContent)
  say(`first call (loads the preset and templates): ${formatMs(mcp.first)}`)
  say(`\`lint\` by path: ${formatMs(mcpPath)} (target < 100 ms: ${target(mcpPath < 100)}); by content: ${formatMs(mcpContent)}; vs the language server's didChange → diagnostics on the same plan: ${formatRatio(mcpPath / typicalLs)}`)
  if (mcp.cpuPerCall !== undefined) say(`server CPU time per call (path and content alike): ${formatMs(mcp.cpuPerCall)}`)
  }

  say('## Issue 22 targets, from this run')
  for (const item of targets) say(`- ${item.what}: ${item.measured} (${target(item.ok)})`)
  say()
  say(`load average at the end (1, 5, 15 min): ${load()}`)
} finally {
  rmSync(work, {recursive: true, force: true})
}

function time(action: () => unknown): number {
  const start = performance.now()
  action()
  return performance.now() - start
}

function percentOf(part: number, whole: number): string {
  return (100 * part / whole).toFixed(1) + ' %'
}

function formatMb(value: number | undefined): string {
  return value === undefined ? 'n/a' : value.toFixed(0) + ' MB'
}

function cutAtLine(value: string, bytes: number): string {
  const end = value.indexOf('\n', bytes)
  return end === -1 ? value : value.slice(0, end + 1)
}
