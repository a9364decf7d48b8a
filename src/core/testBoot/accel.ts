// KVM or TCG. /dev/kvm alone is not enough: on the project's machines it is served by kvm_pvm, which cannot run
// a stock kernel (the guest hangs after SeaBIOS). KVM is used only when the CPU shows vmx or svm as well.
import fs from 'node:fs';

export interface Acceleration {
  readonly domainType: 'kvm' | 'qemu';
  /** Said to the user: which one, and why. */
  readonly reason: string;
}

export function chooseAcceleration(cpuinfo: string, devKvm: boolean): Acceleration {
  const hardware = /^flags\s*:.*\b(vmx|svm)\b/m.test(cpuinfo);
  if (devKvm && hardware) return { domainType: 'kvm', reason: 'KVM (hardware virtualization)' };
  if (devKvm)
    return {
      domainType: 'qemu',
      reason:
        'TCG: /dev/kvm is there but the CPU shows no vmx/svm (a paravirtual KVM cannot run a stock kernel), so the guest is emulated, several times slower',
    };
  return { domainType: 'qemu', reason: 'TCG: no /dev/kvm, so the guest is emulated, several times slower' };
}

export function detectAcceleration(): Acceleration {
  let cpuinfo = '';
  try {
    cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    // not Linux: TCG below
  }
  return chooseAcceleration(cpuinfo, fs.existsSync('/dev/kvm'));
}
