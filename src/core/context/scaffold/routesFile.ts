// common/routes: extra static routes, read by distributions/debian/network. Shipped as comments only.

export const ROUTES_FILE = `# Extra static routes for this VM, one per line:
#   DESTINATION/PREFIX via GATEWAY
# GATEWAY must be reachable on the VM's network. The default route comes from GATEWAY in common/network.
# Lines starting with # and blank lines are ignored; a malformed line is reported and skipped.
#
# Example:
# 10.10.0.0/16 via 192.168.122.254
`;
