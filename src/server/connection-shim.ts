/**
 * vscode-languageserver as unified-language-server sees it in the server
 * bundle (scripts/build-bins.mjs routes its import here): the same module,
 * except that `createConnection` gives the connection with plan-lint's code
 * actions. This is the only way in: the binary is the bundle, and patching
 * the module unified-language-server loads from disk would depend on where
 * npm put it and on patching it before the server loads.
 */
import * as languageServer from 'vscode-languageserver/node.js'
import {wrapConnection} from './extend-connection.js'

export * from 'vscode-languageserver/node.js'

const create = languageServer.createConnection as (...args: unknown[]) => Parameters<typeof wrapConnection>[0]

export const createConnection = ((...args: unknown[]) => wrapConnection(create(...args))) as unknown as typeof languageServer.createConnection
