/**
 * Precision on real documents: lint a folder of plans people wrote with the
 * built `plan-lint` binary (as a user runs it) and print every finding per
 * rule, each with the verdict recorded in `docs/precision.md` (TRUE, FALSE,
 * or `?` when not judged yet), then precision per rule and the findings
 * judged TRUE that are no longer reported.
 *
 *   npm run build && npx tsx scripts/corpus-precision.ts <folder> [--judgments docs/precision.md] [--table]
 *
 * `--table` prints the findings as judgment rows for `docs/precision.md`
 * (verdicts already given are kept). The documents stay outside the project:
 * `docs/precision.md` lists where each comes from (repository, path, commit).
 */
import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {keyOf, readJudgments, type Finding, type Judgment, type Verdict} from './precision-judgments.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** Lint the folder with the built binary; every finding, by document. */
function lintFolder(folder: string): Finding[] {
  const binary = path.join(root, 'dist', 'bin', 'plan-lint.js')
  if (!existsSync(binary)) throw new Error('No dist/bin/plan-lint.js: run `npm run build` first')
  const run = spawnSync(process.execPath, [binary, '--format', 'json', '--no-color', '.'], {
    cwd: folder,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024
  })
  if (run.status !== 0 && run.status !== 1) throw new Error(`plan-lint exited ${String(run.status)}: ${run.stderr}`)
  const files = JSON.parse(run.stdout) as Array<{
    path: string
    messages: Array<{ruleId: string | null; message: string; line: number | null; column: number | null}>
  }>
  const findings: Finding[] = []
  for (const file of files) {
    for (const message of file.messages) {
      findings.push({
        document: file.path.split(path.sep).join('/'),
        place: `${String(message.line ?? 0)}:${String(message.column ?? 0)}`,
        rule: message.ruleId ?? '(file)',
        message: message.message
      })
    }
  }
  return findings
}

const escapeCell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')

function main(): void {
  const args = process.argv.slice(2)
  const folder = args.find((arg) => !arg.startsWith('--') && args[args.indexOf(arg) - 1] !== '--judgments')
  if (!folder) {
    console.error('usage: tsx scripts/corpus-precision.ts <folder> [--judgments docs/precision.md] [--table]')
    process.exit(2)
  }
  const judgmentsIndex = args.indexOf('--judgments')
  const judgmentsFile = judgmentsIndex === -1 ? path.join(root, 'docs', 'precision.md') : path.resolve(args[judgmentsIndex + 1]!)
  const judgments = existsSync(judgmentsFile) ? readJudgments(readFileSync(judgmentsFile, 'utf8')) : new Map<string, Judgment>()
  const findings = lintFolder(path.resolve(folder))
  const verdictOf = (finding: Finding): Verdict | '?' => judgments.get(keyOf(finding))?.verdict ?? '?'

  if (args.includes('--table')) {
    console.log('| document | place | rule | verdict | finding |')
    console.log('| --- | --- | --- | --- | --- |')
    for (const finding of findings) {
      console.log(`| \`${finding.document}\` | ${finding.place} | ${finding.rule} | ${verdictOf(finding)} | ${escapeCell(finding.message)} |`)
    }
    return
  }

  const rules = [...new Set(findings.map((finding) => finding.rule))].sort()
  for (const rule of rules) {
    console.log(`\n## ${rule}\n`)
    for (const finding of findings.filter((each) => each.rule === rule)) {
      console.log(`[${verdictOf(finding)}] ${finding.document}:${finding.place} ${finding.message}`)
    }
  }

  const reported = new Set(findings.map(keyOf))
  const lost = [...judgments.values()].filter((judgment) => judgment.verdict === 'TRUE' && !reported.has(keyOf(judgment)))
  console.log('\n## Judged TRUE, no longer reported\n')
  for (const judgment of lost) console.log(`${judgment.document}:${judgment.place} ${judgment.rule} ${judgment.message}`)
  if (lost.length === 0) console.log('(none)')

  console.log('\n## Precision per rule\n')
  console.log('| rule | findings | TRUE | FALSE | not judged | precision |')
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |')
  let allTrue = 0
  let allFalse = 0
  let allOpen = 0
  for (const rule of rules) {
    const verdicts = findings.filter((finding) => finding.rule === rule).map(verdictOf)
    const count = (verdict: string): number => verdicts.filter((each) => each === verdict).length
    allTrue += count('TRUE')
    allFalse += count('FALSE')
    allOpen += count('?')
    console.log(`| ${rule} | ${verdicts.length} | ${count('TRUE')} | ${count('FALSE')} | ${count('?')} | ${percent(count('TRUE'), count('FALSE'))} |`)
  }
  console.log(`| all | ${findings.length} | ${allTrue} | ${allFalse} | ${allOpen} | ${percent(allTrue, allFalse)} |`)
  console.log(`\n${String(new Set(findings.map((finding) => finding.document)).size)} documents with findings`)
}

const percent = (good: number, bad: number): string => (good + bad === 0 ? '–' : `${((100 * good) / (good + bad)).toFixed(1)} %`)

main()
