// What a good boot of the guest suite's VM shows on its console: the scripts' markers and the reporter's lines.
// Returns the failures (empty: good), so the test of the test can show that a broken boot is caught.
import { parseConsoleMarkers, summarizeMarkers } from '../../src/core/baseImage/markers.js';

export interface ExpectedGuest {
  readonly cdDevice: string;
  readonly iface: string;
  readonly address: string;
  readonly prefix: number;
  readonly gateway: string;
  readonly routes: readonly string[];
  readonly nameserver: string;
  readonly hostname: string;
}

export function checkContextualizedBoot(console: string, expected: ExpectedGuest): string[] {
  const failures: string[] = [];
  const summary = summarizeMarkers(parseConsoleMarkers(console));
  const report = console
    .split(/\r?\n/)
    .filter((l) => l.startsWith('report: '))
    .map((l) => l.slice('report: '.length));
  if (summary.cdDevice !== expected.cdDevice)
    failures.push(`the CD was not found on ${expected.cdDevice} (${summary.cdDevice ?? 'not found'})`);
  if (summary.postInstall !== 0) failures.push(`post-install did not exit 0: ${summary.message}`);
  if (summary.hostname !== expected.hostname)
    failures.push(`snooze-context did not set the host name ${expected.hostname}`);
  const nic = summary.nics.find((n) => n.iface === expected.iface);
  if (!nic || nic.address !== expected.address || nic.prefix !== expected.prefix)
    failures.push(`the network script did not configure ${expected.iface} = ${expected.address}/${expected.prefix}`);
  if (!report.includes('end')) failures.push('the guest did not report its state (did it boot to multi-user?)');
  const addr = new RegExp(
    `^addr \\d+: ${expected.iface}\\s+inet ${expected.address.replace(/\./g, '\\.')}/${expected.prefix} `,
  );
  if (!report.some((l) => addr.test(l)))
    failures.push(`${expected.iface} does not hold ${expected.address}/${expected.prefix}`);
  if (!report.some((l) => l.startsWith(`route default via ${expected.gateway} dev ${expected.iface}`)))
    failures.push(`no default route via ${expected.gateway}`);
  for (const route of expected.routes)
    if (!report.some((l) => l.startsWith(`route ${route} dev ${expected.iface}`))) failures.push(`no route ${route}`);
  if (!report.includes(`resolv nameserver ${expected.nameserver}`))
    failures.push(`resolv.conf has no nameserver ${expected.nameserver}`);
  if (!report.includes(`hostname ${expected.hostname}`))
    failures.push(`the running host name is not ${expected.hostname}`);
  return failures;
}
