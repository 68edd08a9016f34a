import { describe, expect, it } from 'vitest';
import { launchCommand } from './launch-command';

const win = (
  files: string[] = [],
  env: NodeJS.ProcessEnv = { ComSpec: 'C:\\Windows\\system32\\cmd.exe' },
) => ({
  platform: 'win32' as const,
  env,
  exists: (file: string) => files.includes(file),
});
const folder = 'C:\\Users\\Ada Lovelace\\ff\\worktrees\\fix & test (2)';

describe('launchCommand', () => {
  it('starts a program as is everywhere but a Windows batch file', () => {
    expect(launchCommand('/usr/bin/code', [folder], { platform: 'linux', env: {} })).toEqual({
      ok: true,
      value: { file: '/usr/bin/code', args: [folder], windowsVerbatimArguments: false },
    });
    expect(launchCommand('C:\\Zed\\zed.exe', [folder], win())).toMatchObject({
      value: { file: 'C:\\Zed\\zed.exe', args: [folder], windowsVerbatimArguments: false },
    });
  });

  it("replaces VS Code's and Cursor's .cmd shims by the program they start", () => {
    const code = 'C:\\Users\\Ada\\AppData\\Local\\Programs\\Microsoft VS Code\\bin\\code.cmd';
    const codeExe = 'C:\\Users\\Ada\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe';
    expect(launchCommand(code, [folder], win([codeExe]))).toEqual({
      ok: true,
      value: { file: codeExe, args: [folder], windowsVerbatimArguments: false },
    });
    const cursor = 'C:\\Users\\Ada\\AppData\\Local\\Programs\\cursor\\resources\\app\\bin\\cursor.cmd';
    const cursorExe = 'C:\\Users\\Ada\\AppData\\Local\\Programs\\cursor\\Cursor.exe';
    expect(launchCommand(cursor, [folder], win([cursorExe]))).toMatchObject({
      value: { file: cursorExe, args: [folder], windowsVerbatimArguments: false },
    });
  });

  it('runs any other batch file through cmd.exe /d /s /c with every argument quoted', () => {
    const tool = 'C:\\Tools\\my editor.cmd';
    expect(launchCommand(tool, ['--new-window', folder, 'C:\\trailing\\'], win())).toEqual({
      ok: true,
      value: {
        file: 'C:\\Windows\\system32\\cmd.exe',
        args: [
          '/d',
          '/v:off',
          '/s',
          '/c',
          '""C:\\Tools\\my editor.cmd" "--new-window" "C:\\Users\\Ada Lovelace\\ff\\worktrees\\fix & test (2)" "C:\\trailing\\\\""',
        ],
        windowsVerbatimArguments: true,
      },
    });
    // A shim whose program is not where it should be is a batch file like any other.
    const code = 'D:\\portable\\bin\\code.cmd';
    expect(launchCommand(code, [folder], win([], {}))).toMatchObject({
      value: { file: 'cmd.exe', windowsVerbatimArguments: true },
    });
  });

  it.each([['C:\\work\\100%PATH%'], ['C:\\work\\wow!'], ['say "hi"'], ['two\r\nlines']])(
    'refuses an argument cmd.exe would expand or split: %j',
    (arg) => {
      const result = launchCommand('C:\\Tools\\edit.bat', [arg], win());
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toContain('edit.bat is a batch file');
    },
  );
});
