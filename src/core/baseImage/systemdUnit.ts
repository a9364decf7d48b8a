// The systemd way to run snooze-context at boot (Debian 12 no longer enables rc.local by default).
// Ordered before network-pre.target, like cloud-init's local stage: the network configuration is written before
// networking.service / systemd-networkd start, and they pick it up. Checked with `systemd-analyze verify` by the tests:
// systemd only warns about a key it does not know, and the condition is then silently absent.

export const SNOOZE_CONTEXT_UNIT = `[Unit]
Description=Snooze contextualization (network and post-install from the context CD)
DefaultDependencies=no
After=local-fs.target systemd-udev-trigger.service
Wants=network-pre.target
Before=network-pre.target shutdown.target
Conflicts=shutdown.target
ConditionFileIsExecutable=/usr/local/sbin/snooze-context

[Service]
Type=oneshot
ExecStart=/usr/local/sbin/snooze-context
RemainAfterExit=yes
TimeoutStartSec=5min
StandardOutput=journal+console

[Install]
WantedBy=multi-user.target
`;
