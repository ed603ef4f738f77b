// Lints this repository's own Markdown (README, docs, rule docs, examples)
// with the package itself, built to dist/ by `npm install`.
import remarkPlanLint from './dist/src/index.js'

export default {
  plugins: [[remarkPlanLint, {}]]
}
