import {readFileSync} from 'node:fs'
import path from 'node:path'
import {ruleIds} from '../pipeline/rule-meta.js'
import {packageRoot} from '../support/package-root.js'

/** A rule’s documentation, as shipped in `rules/<rule-id>.md` (the page its findings’ `url` names). */
export function ruleDoc(ruleId: string): string {
  if (!(ruleIds as readonly string[]).includes(ruleId)) {
    throw new Error(`Unexpected rule \`${ruleId}\`, expected one of ${ruleIds.map((id) => '`' + id + '`').join(', ')}`)
  }
  return readFileSync(path.join(packageRoot(), 'rules', ruleId + '.md'), 'utf8')
}
