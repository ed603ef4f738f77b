// `npm run compile-templates`: write templates/compiled.json, the built-in
// templates as data (see src/template/builtin.ts). test/templates-compiled.test.ts
// fails when it is out of date.
import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {compiledTemplates} from './compiled-templates.js'
import {root} from '../test/helpers.js'

writeFileSync(path.join(root, 'templates', 'compiled.json'), compiledTemplates())
console.log('wrote templates/compiled.json')
