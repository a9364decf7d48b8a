import { spawnSync } from 'node:child_process';

/** Whether libvirt's own checker (virt-xml-validate, Debian's libvirt-clients) is installed here. */
export function haveVirtXmlValidate(): boolean {
  return spawnSync('virt-xml-validate', ['--help'], { stdio: 'ignore' }).error === undefined;
}

/** libvirt's verdict on a domain file, with the installed libvirt's schemas: true when it is valid. */
export function virtXmlValidate(file: string): boolean {
  const run = spawnSync('virt-xml-validate', [file, 'domain'], { encoding: 'utf8' });
  if (run.error) throw run.error;
  return run.status === 0;
}
