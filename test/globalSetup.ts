// Brings the lab (real daemons on loopback, lab/lab.sh) up once for the whole
// run. A lab that cannot start throws here, which fails the run: tests that
// need a service never skip silently.
import { readFileSync } from 'node:fs';
import { DEFAULT_LAB_DIR, labAcquire, labRelease, readLab } from './lab/lab';

export default function setup(): () => void {
  // Workers are forked after this runs and inherit the variable.
  process.env.RISKCTL_LAB_DIR ||= DEFAULT_LAB_DIR;
  // A lease, not a plain up/down: a lab someone started by hand (`npm run lab`)
  // stays up, and runs that overlap (several people, one checkout) share the
  // lab until the last of them leaves.
  labAcquire(3, process.pid);
  // Like `lab.sh try`: the lab config names the database password's variable;
  // the tests' riskctl runs find the password there, as an operator's would.
  const pg = (readLab() as unknown as { postgres?: { passwordEnv: string; passwordFile: string } }).postgres;
  if (pg) process.env[pg.passwordEnv] = readFileSync(pg.passwordFile, 'utf8').trim();
  return () => {
    labRelease(process.pid);
  };
}
