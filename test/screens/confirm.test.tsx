import { useEffect, useState } from 'react';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { ConfirmPrompt, useConfirmController, type ConfirmRequest } from '../../src/screens/confirm';
import { confirmKey, type ConfirmState } from '../../src/screens/confirmReducer';
import { useKeys } from '../../src/screens/useKeys';
import { sees } from './fixtures';

const tick = () => new Promise((r) => setTimeout(r, 30));

const req = (over: Partial<ConfirmRequest> = {}): ConfirmRequest => ({
  title: 'Restart container api',
  risk: 'mutating',
  host: 'lab-2',
  production: false,
  ...over,
});

describe('confirmKey', () => {
  const yes: ConfirmState = { req: req(), confirmation: { kind: 'yes' }, typed: '', error: null };
  const typed: ConfirmState = {
    req: req({ production: true, host: 'prod-1' }),
    confirmation: { kind: 'typeHost', expected: 'prod-1' },
    typed: '',
    error: null,
  };

  it.each([
    ['y accepts', yes, 'y', {}, 'accepted'],
    ['n cancels', yes, 'n', {}, 'cancelled'],
    ['Esc cancels', yes, '', { escape: true }, 'cancelled'],
    ['other keys wait', yes, 'x', {}, 'pending'],
    ['y does not accept a typed confirmation', typed, 'y', {}, 'pending'],
    ['Esc cancels a typed confirmation', typed, '', { escape: true }, 'cancelled'],
  ] as const)('%s', (_n, s, input, key, outcome) => {
    expect(confirmKey(s, input, key).outcome).toBe(outcome);
  });

  it('takes the typed host name and Enter; a wrong name is refused with a message', () => {
    let s = typed;
    for (const ch of 'prod-2') s = confirmKey(s, ch, {}).state;
    const wrong = confirmKey(s, '', { return: true });
    expect(wrong.outcome).toBe('pending');
    expect(wrong.state.error).toContain('not prod-1');
    expect(wrong.state.typed).toBe('');
    s = wrong.state;
    for (const ch of 'prod-11') s = confirmKey(s, ch, {}).state;
    s = confirmKey(s, '', { backspace: true }).state;
    expect(s.typed).toBe('prod-1');
    expect(confirmKey(s, '', { return: true }).outcome).toBe('accepted');
  });

  it('ignores control characters in the typed name', () => {
    const s = confirmKey(typed, '\x1b[2J', {}).state;
    expect(s.typed).toBe('');
  });
});

/** A stand-in screen that asks once on mount and shows the answer. */
function Harness({ r, readOnly = false }: { r: ConfirmRequest; readOnly?: boolean }) {
  const [said, setSaid] = useState('');
  const [answer, setAnswer] = useState('asking');
  const m = useConfirmController({ readOnly: () => readOnly, say: setSaid });
  useKeys((input, key) => void m.onKey(input, key));
  useEffect(() => {
    void m.confirm(r).then((ok) => setAnswer(ok ? 'accepted' : 'refused'));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the harness asks once, on mount.
  }, []);
  return (
    <>
      {m.state ? <ConfirmPrompt s={m.state} width={80} height={8} color={false} /> : null}
      <Text>answer: {answer}</Text>
      <Text>said: {said}</Text>
    </>
  );
}

describe('the confirmation modal', () => {
  it('asks y/n for a mutating action and resolves on y', async () => {
    const ui = render(<Harness r={req()} />);
    await tick();
    await sees(() => ui.lastFrame() ?? '', 'MUTATING');
    await sees(() => ui.lastFrame() ?? '', 'Restart container api on  lab-2');
    ui.stdin.write('y');
    await tick();
    await sees(() => ui.lastFrame() ?? '', 'answer: accepted');
    ui.unmount();
  });

  it('on production asks for the host name, marked PROD', async () => {
    const ui = render(<Harness r={req({ host: 'prod-1', production: true })} />);
    await tick();
    await sees(() => ui.lastFrame() ?? '', 'PROD');
    await sees(() => ui.lastFrame() ?? '', 'Type the host name prod-1');
    ui.stdin.write('y');
    await tick();
    await sees(() => ui.lastFrame() ?? '', 'answer: asking');
    for (const ch of 'prod-1') {
      ui.stdin.write(ch);
      await tick();
    }
    await sees(() => ui.lastFrame() ?? '', '> yprod-1');
    ui.stdin.write('\x15'); // Ctrl-U clears
    await tick();
    for (const ch of 'prod-1') {
      ui.stdin.write(ch);
      await tick();
    }
    ui.stdin.write('\r');
    await tick();
    await sees(() => ui.lastFrame() ?? '', 'answer: accepted');
    ui.unmount();
  });

  it('refuses before asking under --read-only', async () => {
    const ui = render(<Harness r={req({ risk: 'destructive' })} readOnly />);
    await tick();
    await sees(() => ui.lastFrame() ?? '', 'answer: refused');
    await sees(() => ui.lastFrame() ?? '', 'said: --read-only: refused to restart container api (destructive)');
    ui.unmount();
  });

  it('Esc cancels and says so', async () => {
    const ui = render(<Harness r={req()} />);
    await tick();
    ui.stdin.write('\x1b');
    await tick();
    await sees(() => ui.lastFrame() ?? '', 'answer: refused');
    await sees(() => ui.lastFrame() ?? '', 'said: cancelled: Restart container api');
    ui.unmount();
  });

  it('asks about a shell only on production: elsewhere it goes ahead, under --read-only it is refused', async () => {
    const shell = (over: Partial<ConfirmRequest>) => req({ title: 'Open a shell', askOnProductionOnly: true, ...over });
    /** The frame once it shows `text` (polled: no fixed wait to be too short on a busy machine). */
    const shows = async (ui: { lastFrame: () => string | undefined }, text: string) => {
      for (let i = 0; i < 200 && !ui.lastFrame()?.includes(text); i++) await tick();
      return ui.lastFrame() ?? '';
    };
    const plain = render(<Harness r={shell({})} />);
    expect(await shows(plain, 'answer: accepted')).not.toContain('MUTATING');
    plain.unmount();

    const prod = render(<Harness r={shell({ host: 'prod-1', production: true })} />);
    await shows(prod, 'Type the host name prod-1');
    for (const ch of 'prod-1') {
      prod.stdin.write(ch);
      await shows(prod, `> ${'prod-1'.slice(0, 'prod-1'.indexOf(ch) + 1)}`);
    }
    prod.stdin.write('\r');
    expect(await shows(prod, 'answer: accepted')).toContain('answer: accepted');
    prod.unmount();

    const ro = render(<Harness r={shell({})} readOnly />);
    expect(await shows(ro, 'answer: refused')).toContain('said: --read-only: refused to open a shell (mutating)');
    ro.unmount();
  });
});
