import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = ['--import', 'tsx', 'src/entry/cli.ts'];

export const BASE_ENV = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '/tmp',
  QIANSHAO_SECRET_KEY: 'test-secret-key-0123456789abcdef0123456789',
  QIANSHAO_DEMO: '0',
  LOG_LEVEL: 'info',
};

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI in a child process, as a user would. */
export function runCli(args: string[], env: Record<string, string>, input?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, ...args], {
      cwd: ROOT,
      env: { ...BASE_ENV, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  stderr: () => string;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `qianshao serve --port 0` and resolves once it logs its port. */
export function startServe(env: Record<string, string>, extraArgs: string[] = []): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, 'serve', '--port', '0', ...extraArgs], {
      cwd: ROOT,
      env: { ...BASE_ENV, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    child.stderr!.on('data', (b) => {
      err += b;
      const m = /"port":(\d+)[^\n]*"msg":"qianshao serving"/.exec(err);
      if (m)
        resolve({
          child,
          port: Number(m[1]),
          stderr: () => err,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
    });
    void exited.then((code) => reject(new Error(`serve exited (${code}) before serving: ${err.slice(-500)}`)));
  });
}
