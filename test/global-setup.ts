import type {TestProject} from 'vitest/node'
import {createPackedProject, packTarball} from './packed.js'

/**
 * Pack the package and install the tarball once per run, with the tools the
 * end-to-end tests drive (remark-cli, a JSON reporter, the API’s peers).
 * Each test file works in its own folder of that project.
 */
export default function setup(project: TestProject): void {
  const packed = createPackedProject(['vfile-reporter-json@4', 'remark@15', 'vfile@6', 'vfile-reporter@8'])
  project.provide('packedProject', packed.directory)
  // The same tarball, for installs of another kind (a global prefix).
  project.provide('packedTarball', packTarball())
}

declare module 'vitest' {
  export interface ProvidedContext {
    packedProject: string
    packedTarball: string
  }
}
