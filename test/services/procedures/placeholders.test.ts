import { describe, expect, it } from 'vitest';
import { envNameFor, findPlaceholders, placeholderName } from '../../../src/services/procedures/placeholders';
import { commandPlaceholders } from '../../../src/services/procedures/shellPlaceholders';
import { lexShell } from '../../../src/services/procedures/shellLexer';

const names = (text: string) => findPlaceholders(text).map((p) => p.raw);
const shell = (text: string) => commandPlaceholders(lexShell(text).tokens).map((p) => [p.raw, p.context, p.wholeWord]);

describe('what is a [placeholder]', () => {
  const cases: Array<[string, string, string[]]> = [
    ['a bare word', 'docker compose restart [service_name]', ['service_name']],
    ['quoted for SQL', "WHERE email = '[compromised_email]';", ['compromised_email']],
    ['upper case and spaces', 'Reason: [REASON]\n[LIST ANY ISSUES]\n[LIST FOLLOW-UP ACTIONS]', ['REASON', 'LIST ANY ISSUES', 'LIST FOLLOW-UP ACTIONS']],
    ['a test', '[ -f /etc/x ] && echo', []],
    ['a bash test', 'if [[ $days_left -lt 30 ]]; then', []],
    ['an array subscript', 'echo ${arr[1]} ${arr[idx]} a[key]=1 ARRAY[one]', []],
    ['a character class', 'grep "[n]ginx" | grep "[0-9]" | tr "[a-z]" "[A-Z]" | grep "[[:alpha:]]"', []],
    ['a Markdown link', 'see [Service Down](#ir-002-service-down-response)', []],
    ['brace expansion', 'for i in {1..15}', []],
    ['a single character', 'echo [x]', []],
    ['followed by text', 'echo [abc]def', []],
  ];
  it.each(cases)('%s', (_name, text, want) => {
    expect(names(text)).toEqual(want);
  });

  it('normalises names and env variables', () => {
    expect(placeholderName('LIST FOLLOW-UP ACTIONS')).toBe('list_follow_up_actions');
    expect(placeholderName('compromised_email')).toBe('compromised_email');
    expect(envNameFor('list_any_issues')).toBe('RISKCTL_P_LIST_ANY_ISSUES');
  });
});

describe('the quoting context of each placeholder in a command', () => {
  it.each([
    ['docker compose restart [service_name]', [['service_name', 'bare', true]]],
    ['echo "$(date): resolved - [description]" >> log', [['description', 'double', false]]],
    ["echo 'a [x_y] b'", [['x_y', 'single', false]]],
    ['echo "[whole]"', [['whole', 'double', true]]],
    [`psql -c "UPDATE u SET s = 'x' WHERE email = '[compromised_email]';"`, [['compromised_email', 'sql-string', false]]],
    [`psql -c "SELECT * FROM t LIMIT [row_count];"`, [['row_count', 'sql-bare', false]]],
    [`sh -c "echo '[name]'"`, [['name', 'nested-single', false]]],
    ['cat > f << EOF\nReason: [REASON]\nEOF', [['REASON', 'heredoc', false]]],
    ["cat > f << 'EOF'\nReason: [REASON]\nEOF", [['REASON', 'heredoc-quoted', false]]],
    ['echo "$(cat [file_name])"', [['file_name', 'bare', true]]],
  ] as const)('%s', (text, want) => {
    expect(shell(text)).toEqual(want);
  });
});
