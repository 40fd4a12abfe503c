// Lint for src, test, bench and scripts: typescript-eslint's recommended
// rules with type information off (tsc checks types), React's hooks rules,
// and the layering rule (imports point down: app → screens → services → hosts).
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // React's rules of hooks. The plugin's React Compiler rules are left
      // out: riskctl does not compile with the React Compiler, and they run
      // the compiler over every component, a quarter of ESLint's time in
      // `npm test` (docs/development.md).
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // A terminal tool matches control characters on purpose: the sanitizer,
    // the key names, the YAML and parameter checks all look for them.
    rules: { 'no-control-regex': 'off' },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
);
