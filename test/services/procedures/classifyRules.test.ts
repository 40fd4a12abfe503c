/** The classifier's rules on commands the seed does not have: the edges of each rule. */
import { describe, expect, it } from 'vitest';
import type { Risk } from '../../../src/services/actionGuard';
import { classifyShell } from '../../../src/services/procedures/classifyShell';
import { classifySql } from '../../../src/services/procedures/classifySql';

const shell: Array<[string, Risk]> = [
  // removing, stopping, pruning
  ['rm -rf /opt/risk-platform/tmp', 'destructive'],
  ['sudo rm /etc/nginx/sites-enabled/default', 'destructive'],
  ['docker run --rm alpine echo hi', 'mutating'], // --rm is a flag, not rm
  ['docker compose down', 'destructive'],
  ['docker container prune -f', 'destructive'],
  ['docker rmi risk-platform-api:old', 'destructive'],
  ['docker compose exec api rm -rf /tmp/cache', 'destructive'],
  ['docker exec -it risk_platform_api sh -c "rm -f /tmp/x"', 'destructive'],
  ['find /var/log -name "*.gz" -exec rm {} +', 'destructive'],
  ['ls *.tmp | xargs -r rm -f', 'destructive'],
  ['systemctl stop nginx', 'destructive'],
  ['systemctl restart nginx', 'mutating'],
  ['systemctl status nginx --no-pager', 'read-only'],
  ['kill -9 1234', 'destructive'],
  ['sudo reboot', 'destructive'],
  // firewall
  ['sudo ufw status verbose', 'read-only'],
  ['sudo ufw deny from 203.0.113.9', 'mutating'],
  ['sudo ufw reset', 'destructive'],
  ['sudo ufw --dry-run deny incoming', 'read-only'],
  ['sudo iptables -L -n', 'read-only'],
  ['sudo iptables -F', 'destructive'],
  ['iptables-restore < rules.v4', 'destructive'],
  // kernel, packages, system files
  ['sysctl vm.swappiness', 'read-only'],
  ['sysctl -w vm.swappiness=10', 'mutating'],
  ['echo x | sudo tee /etc/hosts', 'destructive'],
  ['echo x | sudo tee -a /etc/hosts', 'mutating'],
  ['echo x > /etc/motd', 'destructive'],
  ['echo x >> ./notes.txt', 'mutating'],
  ['ls > /dev/null 2>&1', 'read-only'],
  ['cmd 2>&1 | tee /dev/null', 'mutating'], // an unknown program
  ['sudo apt-get install -y jq', 'mutating'],
  ['sudo apt-get purge -y jq', 'destructive'],
  ['apt list --upgradable', 'read-only'],
  ['sed -i s/a/b/ f', 'mutating'],
  ['sed -n 1,5p f', 'read-only'],
  ['tar xzf backup.tar.gz', 'mutating'],
  ['tar -tzf backup.tar.gz', 'read-only'],
  // databases and caches
  ['redis-cli -h cache FLUSHALL', 'destructive'],
  ['redis-cli CONFIG SET maxmemory 1gb', 'mutating'],
  ['redis-cli info', 'read-only'],
  ['psql -d x -c "SELECT 1"', 'read-only'],
  ['psql -d x -c "TRUNCATE audit_log"', 'destructive'],
  ['psql -d x', 'mutating'],
  ['psql -d x -f migrate.sql', 'mutating'],
  ['pg_dump risk_platform > /tmp/dump.sql', 'mutating'],
  ['pg_dump risk_platform | gzip -c | wc -c', 'mutating'],
  ['pg_restore -d risk_platform dump', 'destructive'],
  // network
  ['curl -s http://localhost:3000/health', 'read-only'],
  ['curl -sSf -o /dev/null http://x', 'read-only'],
  ['curl -o /tmp/page http://x', 'mutating'],
  ['curl -X DELETE http://localhost:9093/api/v2/silence/1', 'destructive'],
  ['curl --data @body.json http://x', 'mutating'],
  ['wget -qO- http://x', 'read-only'],
  ['wget http://x/file', 'mutating'],
  // wrappers and unknowns
  ['sudo -u postgres psql -c "VACUUM FULL"', 'destructive'],
  ['timeout 5 df -h', 'read-only'],
  ['env LANG=C df -h', 'read-only'],
  ['bash -c "ls; rm x"', 'destructive'],
  ['ssh host "df -h"', 'read-only'],
  ['ssh host', 'mutating'],
  ['./cleanup-old.sh', 'destructive'],
  ['/opt/tools/report.sh', 'mutating'],
  ['some-new-tool --flag', 'mutating'],
  ['$TOOL run', 'mutating'],
  ['python3 -c "print(1)"', 'mutating'],
  ['A=1 B=2', 'read-only'],
  ['X=$(rm -f /tmp/a)', 'destructive'],
  ['echo "$(docker compose stop api)"', 'destructive'],
  ['echo `rm -f x`', 'destructive'],
  ['for f in $(ls); do echo "$f"; done', 'read-only'],
  ['while true; do docker compose restart api; sleep 5; done', 'mutating'],
  ['certbot certificates', 'read-only'],
  ['certbot revoke --cert-name x', 'destructive'],
  ['git status', 'read-only'],
  ['git reset --hard HEAD~1', 'destructive'],
  ['journalctl --vacuum-time=2d', 'destructive'],
  ['date', 'read-only'],
  ['date -s "2020-01-01"', 'mutating'],
  ['crontab -r', 'destructive'],
  ['risk-platform platform stop', 'destructive'],
  ['risk-platform frobnicate now', 'mutating'],
  ['mkfs.ext4 /dev/sdb1', 'destructive'],
  ['dd if=/dev/zero of=/dev/sdb bs=1M', 'destructive'],
];

describe('shell rules', () => {
  it.each(shell)('%s → %s', (cmd, risk) => {
    expect(classifyShell(cmd).risk).toBe(risk);
  });

  it('explains itself', () => {
    expect(classifyShell('docker compose -f x.yml exec postgres psql -c "DELETE FROM t WHERE a = 1;"').reasons[0]).toBe('DELETE removes data or objects');
    expect(classifyShell('some-new-tool').reasons).toEqual(['unknown program some-new-tool: treated as mutating']);
  });
});

const sql: Array<[string, Risk]> = [
  ['SELECT 1;', 'read-only'],
  ["SELECT * FROM audit_log WHERE action LIKE '%delete%' OR action LIKE '%drop table%';", 'read-only'],
  ['-- DELETE FROM users;\nSELECT 1;', 'read-only'],
  ['/* DROP */ SELECT 1;', 'read-only'],
  ['SELECT $$ DELETE $$;', 'read-only'],
  ['SELECT "delete" FROM t;', 'read-only'],
  ['WITH d AS (DELETE FROM t RETURNING *) SELECT count(*) FROM d;', 'destructive'],
  ['SELECT pg_terminate_backend(123);', 'mutating'],
  ['SELECT * INTO backup_t FROM t;', 'mutating'],
  ['EXPLAIN SELECT 1;', 'read-only'],
  ['EXPLAIN ANALYZE DELETE FROM t;', 'destructive'],
  ['UPDATE users SET status = 1 WHERE id = 2;', 'mutating'],
  ['UPDATE users SET status = 1;', 'destructive'],
  ['VACUUM;', 'mutating'],
  ['VACUUM FULL users;', 'destructive'],
  ['ANALYZE;', 'mutating'],
  ['REINDEX TABLE x;', 'mutating'],
  ['INSERT INTO t VALUES (1);', 'mutating'],
  ['ALTER TABLE t ADD COLUMN c int;', 'mutating'],
  ['ALTER TABLE t DROP COLUMN c;', 'destructive'],
  ['GRANT DELETE ON t TO r;', 'mutating'],
  ['DROP TABLE t;', 'destructive'],
  ['TRUNCATE t;', 'destructive'],
  ['SHOW work_mem;', 'read-only'],
  ['SELECT 1; DELETE FROM t;', 'destructive'],
  ['FROBNICATE;', 'mutating'],
  ['\\dt', 'read-only'],
  ['\\i evil.sql', 'mutating'],
];

describe('SQL rules', () => {
  it.each(sql)('%s → %s', (text, risk) => {
    expect(classifySql(text).risk).toBe(risk);
  });
});
