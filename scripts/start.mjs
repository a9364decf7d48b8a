#!/usr/bin/env node
// `npm start`: builds the extension, prepares the demo workspace examples/ (qcow2 disks with qemu-img and web1's
// context ISO with genisoimage, in examples/images/, gitignored: the local folder of /opt/cloud), starts the VS Code server on 127.0.0.1 with this
// repository as the extension under development, and prints the URL to open. Runs until Ctrl+C.
//   node scripts/start.mjs [--port=8123] [--untrusted] [--folder=examples] [--vscode=latest|1.100]
// --vscode: the VS Code server (scripts/vscode-host.mjs); the newest by default, 1.100 = the oldest we support.
// Through SSH: ssh -L 8123:127.0.0.1:8123 host, then open the printed URL locally.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const opt = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const m = a.match(/^--([^=]+)(?:=(.*))?$/);
    return m ? [m[1], m[2] ?? 'true'] : ['_', a];
  }),
);
// vscode-host.mjs picks its server from SNOOZE_VSCODE_HOST when it is loaded.
// 1.100 by default: its demo shows modal confirmations (see startServer's testDriver for the newest).
process.env.SNOOZE_VSCODE_HOST = opt.vscode || process.env.SNOOZE_VSCODE_HOST || '1.100';
const { HOST_NAME, hostVersion, ROOT, SERVER_MAIN, startServer } = await import('./vscode-host.mjs');
const folder = path.resolve(ROOT, opt.folder || 'examples');
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.error?.message ?? r.status})`);
};
const have = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

run(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--only=extension']);
if (!fs.existsSync(SERVER_MAIN)) run('bash', [path.join(ROOT, 'scripts/setup-vscode-host.sh'), HOST_NAME]);

// Demo images: /opt/cloud in the templates maps to examples/images (examples/.vscode/settings.json).
const images = path.join(folder, 'images');
fs.mkdirSync(images, { recursive: true });
if (have('qemu-img')) {
  const base = path.join(images, 'debian-base.qcow2');
  if (!fs.existsSync(base)) run('qemu-img', ['create', '-q', '-f', 'qcow2', base, '64M']);
  for (const vm of ['web1', 'debian1']) {
    const disk = path.join(images, `${vm}.qcow2`);
    if (!fs.existsSync(disk))
      run('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', 'debian-base.qcow2', '-F', 'qcow2', disk]);
  }
} else console.log('start: qemu-img not found (apt-get install qemu-utils): disk paths will not resolve');
const contextDir = path.join(folder, 'context/web1');
// Where templates/web1.xml looks for the ISO of context/web1 (/opt/cloud/web1.iso, mapped): the VM model.
const iso = path.join(images, 'web1.iso');
if (fs.existsSync(contextDir) && !fs.existsSync(iso)) {
  if (have('genisoimage')) run('genisoimage', ['-quiet', '-R', '-J', '-V', 'CONTEXT', '-o', iso, contextDir]);
  else console.log('start: genisoimage not found (apt-get install genisoimage): web1.iso not built');
}

const host = await startServer({
  trust: opt.untrusted ? 'untrusted' : false,
  port: Number(opt.port || process.env.PORT || 8123),
  settings: { 'workbench.colorTheme': 'Default Dark Modern' },
});
const url = host.workbenchUrl({ folder, extensionDevelopmentPath: ROOT });
console.log(
  `\nSnooze Templates demo: VS Code ${hostVersion()} ${opt.untrusted ? '(Restricted Mode) ' : ''}with the extension under development`,
);
console.log(`  workspace ${path.relative(ROOT, folder) || '.'}; server log ${host.logFile}`);
console.log(`\n  ${url}\n`);
console.log('Ctrl+C to stop.');
host.server.once('exit', (code) => {
  console.log(`VS Code server exited (${code})`);
  host.cleanup().then(() => process.exit(1));
});
