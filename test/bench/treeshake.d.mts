/** Types for treeshake.mjs (the bench is plain JS; the tests are TypeScript). */
export function wrapperSignatures(glueFile: string, imported: string[]): Map<string, string[]>
export function keptWrappers(glueFile: string, imported: string[], bundleCode: string): { kept: string[]; checked: number }
