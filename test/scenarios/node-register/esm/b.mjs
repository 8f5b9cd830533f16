export const name = 'esm'
