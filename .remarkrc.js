// Lints this repository's own Markdown (README, docs, rule docs, examples)
// with the package itself, built to dist/ by `npm run build` (which `npm test`,
// `npm start` and `npm pack` run; `npm install` runs no script of ours).
import remarkPlanLint from './dist/src/index.js'

export default {
  plugins: [[remarkPlanLint, {}]]
}
