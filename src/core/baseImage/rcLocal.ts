// The rc.local way, for images that still use it: systemd's rc-local.service runs /etc/rc.local when it is executable.

const RC_LOCAL_LINE = '/usr/local/sbin/snooze-context || true';

export const RC_LOCAL = `#!/bin/sh -e
# /etc/rc.local: run once at the end of boot. If the image already has one, add only the snooze-context line
# before "exit 0".
${RC_LOCAL_LINE}
exit 0
`;
