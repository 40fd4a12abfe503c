import { describe, expect, it } from 'vitest';
import { TextError } from '../../../src/services/procedures/LibraryError';
import { bindSql, sqlPlaceholders } from '../../../src/services/procedures/sqlBind';
import { builtinLibrary, byId, commandsOf } from './seed';

describe('bindSql: placeholders become query parameters', () => {
  it.each([
    ["WHERE email = '[compromised_email]';", 'WHERE email = $1;', ['compromised_email']],
    ['LIMIT [row_limit]', 'LIMIT $1', ['row_limit']],
    ["WHERE a = '[x_y]' OR b = '[x_y]' OR c = [other]", 'WHERE a = $1 OR b = $1 OR c = $2', ['x_y', 'other']],
    ["WHERE action LIKE '%[word]%'", "WHERE action LIKE ('%' || $1::text || '%')", ['word']],
    ["SELECT 'it''s [who] here'", "SELECT ('it''s ' || $1::text || ' here')", ['who']],
    ['-- [not_a_param] in a comment\nSELECT 1', '-- [not_a_param] in a comment\nSELECT 1', []],
    ['SELECT arr[1], ARRAY[two] FROM t', 'SELECT arr[1], ARRAY[two] FROM t', []],
  ])('%s', (sql, text, params) => {
    expect(bindSql(sql)).toEqual({ text, params });
  });

  it('refuses a placeholder it cannot bind', () => {
    expect(() => bindSql("DO $$ BEGIN PERFORM '[x_y]'; END $$")).toThrow(TextError);
    expect(() => bindSql("SELECT E'a [x_y]'")).toThrow(/cannot bind \[x_y\]/);
  });

  it('finds placeholders outside comments only', () => {
    expect(sqlPlaceholders("-- [a_b]\nSELECT '[c_d]', [e_f] /* [g_h] */").map((p) => p.name)).toEqual(['c_d', 'e_f']);
  });

  it('binds the built-in IR-001 containment queries', () => {
    const sql = commandsOf(byId(builtinLibrary(), 'IR-001')).filter((c) => c.kind === 'sql' && c.placeholders.length);
    expect(sql.map((c) => bindSql(c.text))).toEqual([
      { text: "UPDATE risk_platform.users \nSET status = 'suspended', updated_at = NOW() \nWHERE email = $1;", params: ['compromised_email'] },
      { text: 'DELETE FROM risk_platform.user_sessions \nWHERE user_id = (SELECT id FROM risk_platform.users WHERE email = $1);', params: ['compromised_email'] },
    ]);
  });
});
