import {ruleFixtures} from '/work/wt/issue-11a/test/fixtures.ts'
import {lint, formatMessages, onlyRule} from '/work/wt/issue-11a/test/helpers.ts'
for (const id of process.argv.slice(2)) for (const f of ruleFixtures(id)) {
  const file = await lint(f.value, onlyRule(id, 'error', f.options), f.file)
  const got = formatMessages(file)
  const ok = JSON.stringify(got) === JSON.stringify(f.expected)
  console.log(ok ? 'OK  ' : 'FAIL', id, f.name); if (!ok) console.log(got.join('\n'))
}
