import { build } from 'esbuild';
import { pathToFileURL } from 'node:url';
await build({ stdin: { contents: "export { classifyShell } from './src/services/procedures/classifyShell'; export { classifySql } from './src/services/procedures/classifySql';", resolveDir: process.cwd(), loader: 'ts' }, bundle: true, platform: 'node', format: 'esm', outfile: '/tmp/rm-cls.mjs', logLevel: 'error' });
const { classifyShell, classifySql } = await import(pathToFileURL('/tmp/rm-cls.mjs').href + '?' + Date.now());
const cmds = process.argv.slice(2).length ? process.argv.slice(2) : (await import('node:fs')).readFileSync(0, 'utf8').split('\n').filter(Boolean);
for (const c of cmds) { let v; try { v = c.startsWith('SQL:') ? classifySql(c.slice(4)) : classifyShell(c); } catch (e) { v = { risk: 'ERR', reasons: [String(e.message)] }; } console.log(v.risk.padEnd(12), c, ' // ', v.reasons.slice(0, 2).join('; ')); }
