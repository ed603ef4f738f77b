import {writeFileSync} from 'node:fs'
import {ruleFixtures} from '/work/wt/issue-11a/test/fixtures.ts'
import {lint, formatMessages, onlyRule} from '/work/wt/issue-11a/test/helpers.ts'
for (const id of process.argv.slice(2)) for (const f of ruleFixtures(id)) {
  if (!f.name.startsWith('not-ok')) continue
  const file = await lint(f.value, onlyRule(id, 'error', f.options), f.file)
  writeFileSync(f.file.replace(/\.md$/, '.txt'), formatMessages(file).join('\n') + '\n')
}
