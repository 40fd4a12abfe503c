import { describe, expect, it } from 'vitest';
import { parseProcNetDev } from '../../../src/services/resources/parseProcNetDev';
import { fixture } from './fixture';

describe('parseProcNetDev', () => {
  it.each([
    {
      name: 'a server: headers skipped, every interface (loopback too), errors and drops per direction',
      text: fixture('net-dev-server.txt'),
      want: [
        { interface: 'lo', rxBytes: 1094498813, rxPackets: 865987, rxErrors: 0, rxDrops: 0, txBytes: 1094498813, txPackets: 865987, txErrors: 0, txDrops: 0 },
        { interface: 'eth0', rxBytes: 3055237490, rxPackets: 109976, rxErrors: 12, rxDrops: 3, txBytes: 13806914, txPackets: 96779, txErrors: 1, txDrops: 2 },
        { interface: 'docker0', rxBytes: 0, rxPackets: 0, rxErrors: 0, rxDrops: 0, txBytes: 0, txPackets: 0, txErrors: 0, txDrops: 0 },
        { interface: 'veth1a2b3c4', rxBytes: 5120, rxPackets: 40, rxErrors: 0, rxDrops: 0, txBytes: 10240, txPackets: 80, txErrors: 0, txDrops: 0 },
      ],
    },
    {
      name: 'an old kernel: no space after the colon once the byte count is wide',
      text: fixture('net-dev-old-kernel.txt'),
      want: [
        { interface: 'lo', rxBytes: 1000, rxPackets: 10, rxErrors: 0, rxDrops: 0, txBytes: 1000, txPackets: 10, txErrors: 0, txDrops: 0 },
        { interface: 'eth0', rxBytes: 4294967295, rxPackets: 9000, rxErrors: 0, rxDrops: 0, txBytes: 123456, txPackets: 800, txErrors: 0, txDrops: 0 },
      ],
    },
    {
      name: 'the sampler leaves the headers out: lines alone parse',
      text: 'eth0: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n',
      want: [expect.objectContaining({ interface: 'eth0', rxBytes: 1, txBytes: 9, txDrops: 12 })],
    },
    { name: 'empty', text: '', want: [] },
    { name: 'too few numbers, or not numbers, are left out', text: 'eth0: 1 2 3\neth1: a b c d e f g h i j k l m n o p\n', want: [] },
  ])('$name', ({ text, want }) => {
    expect(parseProcNetDev(text)).toEqual(want);
  });
});
