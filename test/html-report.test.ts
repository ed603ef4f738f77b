/// <reference lib="dom" />
import {existsSync, mkdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import puppeteer, {type Browser, type Page} from 'puppeteer-core'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {root} from './helpers.js'
import {mutationsOf} from './mutations.js'
import {openPackedProject, writeFiles, type PackedProject} from './packed.js'

/** Debian's chromium (`.ci/run` installs it); another one with `PLAN_LINT_CHROMIUM`. */
const chromium = process.env.PLAN_LINT_CHROMIUM ?? '/usr/bin/chromium'
const haveChromium = existsSync(chromium)
// In CI a missing browser fails the test below; locally it is skipped, and says so.
const skip = !haveChromium && process.env.CI !== 'true'
if (skip) console.warn(`html-report: SKIPPED, no chromium at ${chromium} (apt-get install chromium, or set PLAN_LINT_CHROMIUM)`)

interface Row {
  path: string
  template: string
  status: string
  coverage: string
  errors: number
  warnings: number
  findings: number
  hidden: boolean
  visible: boolean
}

/** The installed binary writes the page; a real headless chromium opens it from file://. */
describe.skipIf(skip)('plan-lint --format html in a headless browser (packed tarball)', () => {
  let project: PackedProject
  let work: string
  let browser: Browser
  let page: Page
  const requests: string[] = []

  const good = readFileSync(path.join(root, 'fixtures', 'plans', 'technical-plan', 'filled.md'), 'utf8')
  const broken = mutationsOf('technical-plan').find((mutation) => mutation.name.startsWith('renaming'))!
  const files = {
    'docs/good.md': good,
    'docs/broken.md': broken.value,
    'docs/warn.md': good.replace(/^- \[ \] /m, '- [ ]'),
    'docs/twice.md': good.replace('## Executive Summary\n', '## Executive Summary\n\nTBD.\n\nTBD.\n').replace(/^## Data Models\n/m, '## Data Modles\n'),
    // Markup in a message must show as text, never run or load.
    'docs/markup.md': '---\ntemplate: "<img src=x onerror=alert(1)><script>document.title=1</script>"\n---\n\n# Notes\n',
    'docs/README.md': '# Docs\n\nNot a plan.\n'
  }

  // The page's first order: by path, as people sort (README between markup and twice).
  const byPath = Object.keys(files).sort((a, b) => a.localeCompare(b))

  const rows = (): Promise<Row[]> =>
    page.$$eval('#plans tbody tr', (elements) =>
      elements.map((row) => {
        const cells = (row as HTMLTableRowElement).cells
        return {
          path: cells[0]!.textContent!.trim(),
          template: cells[1]!.textContent!.trim(),
          status: cells[2]!.textContent!.trim(),
          coverage: (cells[3] as HTMLElement).dataset.sort!,
          errors: Number(cells[4]!.textContent),
          warnings: Number(cells[5]!.textContent),
          findings: cells[6]!.querySelectorAll('li').length,
          hidden: (row as HTMLElement).hidden,
          visible: (row as HTMLElement).getClientRects().length > 0
        }
      })
    )
  const sortState = () =>
    page.$$eval('#plans thead th', (headers) => headers.map((header) => [header.textContent!.trim(), header.getAttribute('aria-sort')]))
  const clickHeader = async (label: string) => {
    const buttons = await page.$$('#plans thead th button')
    for (const button of buttons) {
      if ((await button.evaluate((element) => element.textContent)) === label) return button.click()
    }
    throw new Error(`no header button ${label}`)
  }

  const clearFilter = () =>
    page.$eval('#filter', (input) => {
      ;(input as HTMLInputElement).value = ''
      input.dispatchEvent(new Event('input'))
    })

  beforeAll(async () => {
    expect(haveChromium, `chromium not found at ${chromium}: .ci/run installs Debian's chromium`).toBe(true)
    project = openPackedProject(inject('packedProject'))
    work = path.join(project.directory, 'html-report')
    writeFiles(work, files)
    const result = project.run('plan-lint', ['--format', 'html', '--output-file', 'report/plans.html', 'docs/'], {cwd: work})
    expect(result.stderr).toBe('')
    expect(result.status).toBe(1)
    browser = await puppeteer.launch({
      executablePath: chromium,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage']
    })
    page = await browser.newPage()
    page.on('request', (request) => requests.push(request.url()))
    page.on('dialog', (dialog) => {
      requests.push('dialog:' + dialog.message())
      void dialog.dismiss()
    })
    await page.setViewport({width: 1280, height: 800})
    await page.goto(pathToFileURL(path.join(work, 'report', 'plans.html')).href, {waitUntil: 'load'})
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
  })

  it('loads nothing but itself and runs no markup from a message', async () => {
    const page_ = pathToFileURL(path.join(work, 'report', 'plans.html')).href
    expect(requests).toEqual([page_])
    expect(await page.title()).toBe('plan-lint report')
    expect(await page.$$eval('img, link, script[src], iframe', (elements) => elements.length)).toBe(0)
    const markup = (await rows()).find((row) => row.path === 'docs/markup.md')!
    expect(markup.errors).toBe(1)
    expect(await page.$eval('#plans', (table) => table.textContent)).toContain('<img src=x onerror=alert(1)>')
  })

  it('has one row per file with template, status, sections present, counts and findings', async () => {
    const json = JSON.parse(project.run('plan-lint', ['--format', 'json', 'docs/'], {cwd: work}).stdout) as Array<{
      path: string
      messages: Array<{severity: string}>
    }>
    const which = project.run('plan-lint', ['which', ...Object.keys(files)], {cwd: work}).stdout
    const detected = new Map(which.trim().split('\n').map((line) => {
      const [file, template, coverage] = line.split('\t')
      return [file!, {template: template!, coverage: coverage!}]
    }))
    const shown = await rows()
    expect(shown.map((row) => row.path)).toEqual(byPath)
    for (const row of shown) {
      const messages = json.find((file) => file.path === row.path)!.messages
      expect(row.errors, row.path).toBe(messages.filter((message) => message.severity === 'error').length)
      expect(row.warnings, row.path).toBe(messages.filter((message) => message.severity === 'warning').length)
      expect(row.findings, row.path).toBe(messages.length)
      // The same detection as `plan-lint which`, carried from the lint run.
      const {template, coverage} = detected.get(row.path)!
      // The status line as the plan writes it; none for a file that is not a plan.
      const written = /^\*\*Status\*\*: *(.+)$/m.exec(files[row.path as keyof typeof files])?.[1]?.trim() ?? ''
      expect(row.status, row.path).toBe(template === 'none' ? '' : written)
      expect(row.template, row.path).toBe(template)
      if (template === 'none') expect(row.coverage).toBe('-1')
      else expect(Number(row.coverage).toFixed(2), row.path).toBe(coverage)
    }
    expect(shown.filter((row) => row.status !== '').length).toBeGreaterThan(0)
    expect(shown.find((row) => row.path === 'docs/twice.md')!.coverage).not.toBe('1')
    // The bar's width is the share shown beside it.
    const index = shown.findIndex((row) => row.path === 'docs/twice.md')
    const bar = await page.$eval(`#plans tbody tr:nth-child(${index + 1}) .bar span`, (span) => (span as HTMLElement).style.width)
    expect(bar).toBe(`${Math.round(Number(shown[index]!.coverage) * 100)}%`)
  })

  it('sorts by a column when its header is clicked, and says so with aria-sort', async () => {
    expect(await sortState()).toContainEqual(['Plan', 'ascending'])
    await clickHeader('Errors')
    let shown = await rows()
    expect(await sortState()).toContainEqual(['Errors', 'ascending'])
    expect((await sortState()).filter(([, sort]) => sort !== null)).toHaveLength(1)
    expect(shown.map((row) => row.errors)).toEqual(shown.map((row) => row.errors).sort((a, b) => a - b))
    await clickHeader('Errors')
    shown = await rows()
    expect(await sortState()).toContainEqual(['Errors', 'descending'])
    expect(shown.map((row) => row.errors)).toEqual(shown.map((row) => row.errors).sort((a, b) => b - a))
    expect(shown[0]!.path).toBe('docs/twice.md')
    await clickHeader('Sections present')
    shown = await rows()
    expect(shown.map((row) => Number(row.coverage))).toEqual(shown.map((row) => Number(row.coverage)).sort((a, b) => a - b))
    await clickHeader('Plan')
    expect((await rows()).map((row) => row.path)).toEqual(byPath)
  })

  it('hides rows that do not match the filter, and shows them again when it is cleared', async () => {
    await page.type('#filter', 'checkbox')
    let shown = await rows()
    expect(shown.filter((row) => row.visible).map((row) => row.path)).toEqual(['docs/warn.md'])
    expect(shown.filter((row) => !row.visible).every((row) => row.hidden)).toBe(true)
    expect(await page.$eval('#shown', (element) => element.textContent)).toBe(`Showing 1 of ${Object.keys(files).length} files`)
    await clearFilter()
    await page.type('#filter', 'technical-plan required-headings')
    shown = await rows()
    expect(shown.filter((row) => row.visible).map((row) => row.path)).toEqual(['docs/broken.md', 'docs/twice.md'])
    await clearFilter()
    expect((await rows()).every((row) => row.visible)).toBe(true)
  })

  it('fits a laptop screen, keeps text contrast at 4.5:1 or more, has table semantics; a screenshot is kept', async () => {
    for (const width of [1280, 1024]) {
      await page.setViewport({width, height: 800})
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      expect(overflow, `horizontal scroll at ${width}px`).toBeLessThanOrEqual(0)
    }
    await page.setViewport({width: 1280, height: 800})
    const headers = await page.$$eval('#plans th', (cells) => cells.map((cell) => cell.getAttribute('scope')))
    expect(headers.every((scope) => scope === 'col' || scope === 'row')).toBe(true)
    expect(await page.$eval('#plans caption', (caption) => caption.textContent)).toMatch(/Plans/)
    expect(await page.$eval('label[for=filter]', (label) => label.textContent)).toBe('Filter')

    const pairs = await page.$$eval('h1, p, th, td, li, a, span, label, button, caption', (elements) =>
      elements
        .filter((element) => (element.textContent ?? '').trim() !== '' && element.getClientRects().length > 0)
        .map((element) => {
          let background = 'rgba(0, 0, 0, 0)'
          for (let node: Element | null = element; node && background === 'rgba(0, 0, 0, 0)'; node = node.parentElement) {
            background = getComputedStyle(node).backgroundColor
          }
          return {text: (element.textContent ?? '').slice(0, 30), color: getComputedStyle(element).color, background}
        })
    )
    expect(pairs.length).toBeGreaterThan(20)
    for (const pair of pairs) {
      expect(contrast(pair.color, pair.background === 'rgba(0, 0, 0, 0)' ? 'rgb(255, 255, 255)' : pair.background), pair.text).toBeGreaterThanOrEqual(4.5)
    }

    const artifacts = path.join(root, 'test-artifacts')
    mkdirSync(artifacts, {recursive: true})
    const screenshot = path.join(artifacts, 'html-report.png')
    await page.screenshot({path: screenshot, fullPage: true})
    expect(readFileSync(screenshot).subarray(1, 4).toString()).toBe('PNG')
  })

  it('prints without the filter box and with every column', async () => {
    await page.emulateMediaType('print')
    try {
      expect(await page.$eval('.controls', (element) => getComputedStyle(element).display)).toBe('none')
      expect(await page.$$eval('#plans thead th', (cells) => cells.filter((cell) => cell.getClientRects().length > 0).length)).toBe(7)
      const pdf = await page.pdf({format: 'A4', landscape: true, printBackground: true})
      expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe('%PDF-')
    } finally {
      await page.emulateMediaType('screen')
    }
  })
})

/** WCAG contrast ratio of two `rgb()` colours. */
function contrast(foreground: string, background: string): number {
  const luminance = (color: string) => {
    const [r, g, b] = color.match(/[\d.]+/g)!.slice(0, 3).map((value) => {
      const channel = Number(value) / 255
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4
    })
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
  }
  const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a)
  return (light! + 0.05) / (dark! + 0.05)
}
