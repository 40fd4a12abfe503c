import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/**
 * Shell programs riskctl sends to hosts live in `.sh` files and are imported
 * as text (`with { type: 'text' }`), as esbuild does for the bundle.
 */
export const shellText: Plugin = {
  name: 'riskctl-shell-text',
  enforce: 'pre',
  load(id) {
    const path = id.split('?')[0]!;
    return path.endsWith('.sh') ? `export default ${JSON.stringify(readFileSync(path, 'utf8'))};` : null;
  },
};
