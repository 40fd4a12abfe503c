/**
 * `docker exec -it` into a container through the Docker engine's API, over
 * the host's connection (dockerClient.ts: each request is the socket opened
 * on the host). The exec runs with a tty and the operator's size; its stream
 * is hijacked from the HTTP request, so keys and output travel on that one
 * channel; a resize is one small request.
 */
import type Dockerode from 'dockerode';
import type { ShellOptions, ShellSession } from '../../hosts/Host';

/** bash when the image has it, else sh; the program is fixed text, the container comes by id. */
export const CONTAINER_SHELL_CMD: readonly string[] = ['sh', '-c', 'command -v bash >/dev/null 2>&1 && exec bash || exec sh'];

export async function openContainerShell(docker: Dockerode, id: string, opts: ShellOptions): Promise<ShellSession> {
  const exec = await docker.getContainer(id).exec({
    Cmd: [...CONTAINER_SHELL_CMD],
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
    Env: [`TERM=${opts.term}`],
  });
  const stream = await exec.start({ hijack: true, stdin: true, Tty: true });
  const resize = (cols: number, rows: number) => {
    exec.resize({ h: rows, w: cols }).catch(() => {}); // the exec may have ended meanwhile
  };
  resize(opts.cols, opts.rows);
  const exit = new Promise<number | null>((resolve) => {
    let done = false;
    const end = () => {
      if (done) return;
      done = true;
      exec.inspect().then(
        (info) => resolve(typeof info.ExitCode === 'number' ? info.ExitCode : null),
        () => resolve(null),
      );
    };
    stream.on('end', end);
    stream.on('close', end);
    stream.on('error', end);
  });
  return {
    output: stream,
    write: (data) => {
      if (stream.writable) stream.write(data);
    },
    resize,
    exit,
    close: () => stream.destroy(),
  };
}
