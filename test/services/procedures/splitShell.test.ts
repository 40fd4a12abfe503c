import { describe, expect, it } from 'vitest';
import { TextError } from '../../../src/services/procedures/LibraryError';
import { splitShell } from '../../../src/services/procedures/splitShell';

/** Commands as text, instructions as "# …". */
function split(text: string): string[] {
  return splitShell(text).map((i) => (i.type === 'instruction' ? `# ${i.text}` : text.slice(i.start, i.end)));
}

describe('splitShell: what the shell reads as one command', () => {
  const cases: Array<[string, string, string[]]> = [
    ['one per line', 'ls\ndf -h', ['ls', 'df -h']],
    ['comments are instructions', '# check\nls\n\n# and\n# more\ndf', ['# check', 'ls', '# and', '# more', 'df']],
    ['a trailing comment stays with its command', 'sleep 30 # wait', ['sleep 30 # wait']],
    ['double quotes across lines', 'psql -c "\nSELECT 1;\n-- not a comment\nSELECT 2;"\nls', ['psql -c "\nSELECT 1;\n-- not a comment\nSELECT 2;"', 'ls']],
    ['single quotes across lines', "echo 'a\n# b'\nls", ["echo 'a\n# b'", 'ls']],
    ['backslash continuation', 'curl -X POST x \\\n  -H "a: b" \\\n  -d \'{}\'\nls', ['curl -X POST x \\\n  -H "a: b" \\\n  -d \'{}\'', 'ls']],
    ['a line ending in a pipe or &&', 'a |\n  b &&\n  c\nd', ['a |\n  b &&\n  c', 'd']],
    ['a here-document to its delimiter', 'cat > f << EOF\nx [REASON]\n# not a comment\nEOF\nls', ['cat > f << EOF\nx [REASON]\n# not a comment\nEOF', 'ls']],
    ['<<- strips tabs from the delimiter line', 'cat <<-END\n\tbody\n\tEND\nls', ['cat <<-END\n\tbody\n\tEND', 'ls']],
    ['a quoted delimiter', "cat << 'EOF'\n$HOME\nEOF", ["cat << 'EOF'\n$HOME\nEOF"]],
    ['for … done', 'for i in 1 2; do\n  echo $i\n  # inside\ndone\nls', ['for i in 1 2; do\n  echo $i\n  # inside\ndone', 'ls']],
    ['if … fi with [[ ]] inside a loop', 'for c in *.crt; do\n  if [[ $d -lt 30 ]]; then\n    echo x\n  fi\ndone', ['for c in *.crt; do\n  if [[ $d -lt 30 ]]; then\n    echo x\n  fi\ndone']],
    ['a pipeline into while read', 'ls | while read a b; do\n  echo "$a"\ndone', ['ls | while read a b; do\n  echo "$a"\ndone']],
    ['a here-document inside a loop', "for e in a b; do\n  curl -w @- x << 'EOF'\n  t: %{time_total}\nEOF\ndone", ["for e in a b; do\n  curl -w @- x << 'EOF'\n  t: %{time_total}\nEOF\ndone"]],
    ['$( … ) across lines', 'x=$(\n  date\n)\nls', ['x=$(\n  date\n)', 'ls']],
    ['arithmetic with nested substitutions', 'd=$(( ($(date -d "$e" +%s) - $(date +%s)) / 86400 ))', ['d=$(( ($(date -d "$e" +%s) - $(date +%s)) / 86400 ))']],
    ['brace groups and subshells', '{ a; b; }\n(cd /tmp &&\n ls)', ['{ a; b; }', '(cd /tmp &&\n ls)']],
    ['reserved words only at command position', 'echo done fi\nls', ['echo done fi', 'ls']],
    ['find -exec … \\;', 'find . -exec echo {} \\;\nls', ['find . -exec echo {} \\;', 'ls']],
  ];
  it.each(cases)('%s', (_name, text, want) => {
    expect(split(text)).toEqual(want);
  });

  const broken: Array<[string, string, number]> = [
    ['unterminated double quote', 'ls\npsql -c "SELECT 1;\n', 11],
    ['unterminated single quote', "echo 'x", 5],
    ['here-document never closed', 'cat << EOF\nbody\n', 7],
    ['loop never closed', 'for i in 1; do\n echo', 0],
    ['stray done', 'ls\ndone', 3],
    ['unterminated $(', 'echo $(date', 5],
    ['dangling pipe', 'ls |', 3],
  ];
  it.each(broken)('%s → a TextError with the offset', (_name, text, offset) => {
    let err: unknown;
    try {
      splitShell(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TextError);
    expect((err as TextError).offset).toBe(offset);
  });
});
