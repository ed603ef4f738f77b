// `npm run bench [-- --quick]`: plan-lint side by side with the parse floor
// and its peers, from one run, commands interleaved. Ratios matter, not the
// absolute numbers: see docs/performance.md.
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {availableParallelism, tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {reporter} from 'vfile-reporter'
import {generateCorpus, generateLargePlan, readSources, writeCorpus} from './bench/corpus.js'
import {floorVersusPreset, micromarkVersions, parseOnly, parserMicromarkVersion, presetRunner} from './bench/in-process.js'
import {cacheTimes} from './bench/cache.js'
import {installedParser} from './bench/installed-parser.js'
import {languageServerTimes} from './bench/language-server.js'
import {formatMs, formatRatio, interleave, interleaveAsync, median, medianMs, peakMb, runCommand, type CommandRun} from './bench/measure.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const quick = process.argv.includes('--quick')
const settings = quick
  ? {plans: 300, rounds: 2, startRounds: 5, inProcessRounds: 3, lsEdits: 5, largeBytes: 640_000}
  : {plans: 1000, rounds: 3, startRounds: 9, inProcessRounds: 5, lsEdits: 9, largeBytes: 950_000}

const node = process.execPath
const bin = {
  planLint: path.join(root, 'dist', 'src', 'cli', 'main.js'),
  server: path.join(root, 'dist', 'src', 'server', 'language-server.js'),
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
const markdownlint = (cwd: string) => () => runCommand([node, bin.markdownlint, '**/*.md'], cwd)

const work = mkdtempSync(path.join(tmpdir(), 'plan-lint-bench-'))
try {
  say(`plan-lint benchmark (${quick ? 'quick' : 'full'}): node ${process.version}, ${availableParallelism()} cores, medians of interleaved runs`)
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

  // 1. The rules against the parse, in process.
  const lint = await presetRunner(bin.preset)
  const sample = corpus.slice(0, 100)
  const inProcess = await floorVersusPreset(sample, lint, settings.inProcessRounds)
  const rulesShare = inProcess.full / inProcess.parse
  say('## In process: parse floor (mdast-util-from-markdown + gfm + frontmatter) vs parse + full preset')
  say(`100 plans: parse ${formatMs(inProcess.parse)}, preset ${formatMs(inProcess.full)}: ${formatRatio(rulesShare)} (target ≤ 1.10×: ${target(rulesShare <= 1.1)})`)
  say(`  inside the preset runs: rules ${formatMs(inProcess.rules)}, ${percentOf(inProcess.rules, inProcess.full - inProcess.rules)} of their parse`)
  const corpusDirectory = path.resolve(root, '..', 'shared', 'corpus')
  let shared: string[] = []
  if (existsSync(corpusDirectory)) {
    shared = readdirSync(corpusDirectory)
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => readFileSync(path.join(corpusDirectory, name), 'utf8'))
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

  // 3. Through remark: the preset against bare remark with the same parser plugins.
  say('## CLI: `remark --use plan-lint` vs bare `remark` (remark-gfm, remark-frontmatter), 100 plans')
  const throughRemark = interleave({bare: remarkBare(dirs.hundred), planLint: remarkPlanLint(dirs.hundred)}, settings.rounds)
  const remarkRatio = medianMs(throughRemark.planLint!) / medianMs(throughRemark.bare!)
  say(`remark ${formatMs(medianMs(throughRemark.bare!))}, remark --use plan-lint ${formatMs(medianMs(throughRemark.planLint!))}: ${formatRatio(remarkRatio)} (target ≤ 1.10×: ${target(remarkRatio <= 1.1)})`)
  // Bare remark prints nothing; with plan-lint, vfile-reporter formats every finding.
  const linted = await Promise.all(sample.map(async (value) => (await lint(value)).file))
  const findings = linted.reduce((sum, file) => sum + file.messages.length, 0)
  const reportTimes = await interleaveAsync({report: async () => time(() => reporter(linted))}, 3)
  say(`  of which vfile-reporter formatting the ${findings} findings, in process: ${formatMs(median(reportTimes.report!))} (${percentOf(median(reportTimes.report!), medianMs(throughRemark.bare!))} of bare remark's run)`)
  say()

  // 4. The CLI against markdownlint-cli2, and time per MB as the file count grows.
  say(`## CLI: \`plan-lint\` vs markdownlint-cli2 0.22.1 (default rules), ${corpus.length} plans`)
  const peers = interleave(
    {
      planLint: planLint(dirs.all),
      planLintSerial: planLint(dirs.all, ['.'], {PLAN_LINT_WORKERS: '0'}),
      markdownlint: markdownlint(dirs.all)
    },
    settings.rounds
  )
  const peerRatio = medianMs(peers.planLint!) / medianMs(peers.markdownlint!)
  say(`plan-lint ${formatMs(medianMs(peers.planLint!))} (peak ${formatMb(peakMb(peers.planLint!))}), one thread ${formatMs(medianMs(peers.planLintSerial!))} (peak ${formatMb(peakMb(peers.planLintSerial!))}), markdownlint-cli2 ${formatMs(medianMs(peers.markdownlint!))} (peak ${formatMb(peakMb(peers.markdownlint!))})`)
  say(`plan-lint / markdownlint-cli2: ${formatRatio(peerRatio)} (target < 1: ${target(peerRatio < 1)}); exit codes ${peers.planLint![0]!.status} and ${peers.markdownlint![0]!.status}`)
  if (shared.length > 0) {
    const real = interleave({planLint: planLint(corpusDirectory), markdownlint: markdownlint(corpusDirectory)}, settings.rounds)
    say(`../shared/corpus: plan-lint ${formatMs(medianMs(real.planLint!))}, markdownlint-cli2 ${formatMs(medianMs(real.markdownlint!))}`)
  }
  say()
  say('## CLI: `plan-lint` time per MB and peak memory as the input grows')
  const growth = interleave(
    {one: planLint(dirs.one), hundred: planLint(dirs.hundred), large: planLint(dirs.large)},
    settings.rounds
  )
  const perMb = (runs: CommandRun[], bytes: number) => `${formatMs(medianMs(runs) / mb(bytes))}/MB, peak ${formatMb(peakMb(runs))}`
  say(`1 plan: ${perMb(growth.one!, bytesOf(corpus.slice(0, 1)))} (mostly start-up)`)
  say(`100 plans: ${perMb(growth.hundred!, bytesOf(corpus.slice(0, 100)))}`)
  say(`${corpus.length} plans: ${perMb(peers.planLint!, bytesOf(corpus))}`)
  say(`1 large plan (${mb(bytesOf([large])).toFixed(2)} MB): ${perMb(growth.large!, bytesOf([large]))}`)
  say()

  // The cache: a repeated run over unchanged files.
  say(`## CLI: \`plan-lint --cache\`, ${corpus.length} unchanged plans`)
  const cached = cacheTimes(dirs.all, bin.planLint)
  say(`first run ${formatMs(cached.firstMs)}, repeated ${formatMs(cached.repeatedMs)}: ${cached.ratio.toFixed(3)} of the first (target < 0.1: ${target(cached.ratio < 0.1)})`)
  say()

  // 5. Start-up: the pre-commit case.
  say('## Start-up: `plan-lint` on one plan vs `remark --version`')
  const start = interleave(
    {planLint: planLint(dirs.one, ['plan-0001.md']), remarkVersion: () => runCommand([node, bin.remark, '--version'], dirs.one)},
    settings.startRounds
  )
  const startRatio = medianMs(start.planLint!) / medianMs(start.remarkVersion!)
  say(`plan-lint one file ${formatMs(medianMs(start.planLint!))}, remark --version ${formatMs(medianMs(start.remarkVersion!))}: ${formatRatio(startRatio)} (target ≤ 1.30×: ${target(startRatio <= 1.3)})`)
  say()

  // 6. The language server.
  say('## Language server: didChange → diagnostics')
  const ls = await languageServerTimes(bin.server, {typical, large: lsLarge}, settings.lsEdits)
  const lsParse = await interleaveAsync({parse: async () => time(() => parseOnly(lsLarge))}, settings.lsEdits)
  const typicalLs = median(ls.typical!)
  const largeLs = median(ls.large!)
  const largeParse = median(lsParse.parse!)
  say(`typical plan (${typical.split('\n').length} lines): ${formatMs(typicalLs)} (target ≤ 150 ms: ${target(typicalLs <= 150)})`)
  say(`6,000-line plan: ${formatMs(largeLs)}, in-process parse ${formatMs(largeParse)}: ${formatRatio(largeLs / largeParse)} (target ≤ 1.30×: ${target(largeLs / largeParse <= 1.3)})`)
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
