import assert from 'node:assert/strict';
import {
  defaultNetwork,
  formatNetworkFile,
  networkValuesFromFile,
  validateNetwork,
} from '../../../src/core/context/networkValues.js';
import type { ContextNetwork } from '../../../src/core/context/networkValues.js';

const ok = defaultNetwork();
const with_ = (changes: Partial<ContextNetwork>): ContextNetwork => ({ ...ok, ...changes });

describe('context network values', () => {
  it("the default is libvirt's default network and is valid", () => {
    assert.deepEqual(
      { ...ok },
      {
        GATEWAY: '192.168.122.1',
        NETWORK: '192.168.122.0',
        BROADCAST: '192.168.122.255',
        NETMASK: '255.255.255.0',
        NAMESERVER: '192.168.122.1',
        DOMAIN: '',
        SEARCH: '',
      },
    );
    assert.deepEqual(validateNetwork(ok), {});
  });

  it('invalid IPv4 addresses, per field', () => {
    const errors = validateNetwork(
      with_({ GATEWAY: '192.168.122', BROADCAST: '192.168.122.256', NETWORK: '192.168.0122.0' }),
    );
    assert.deepEqual(Object.keys(errors).sort(), ['BROADCAST', 'GATEWAY', 'NETWORK']);
    assert.match(errors.GATEWAY!, /not a valid IPv4 address/);
  });

  it('non-contiguous or host-less netmask', () => {
    assert.match(validateNetwork(with_({ NETMASK: '255.0.255.0' })).NETMASK!, /not a contiguous netmask/);
    assert.match(validateNetwork(with_({ NETMASK: '255.255.255.254' })).NETMASK!, /no room/);
  });

  it('gateway outside the network, or equal to the network/broadcast address', () => {
    assert.match(validateNetwork(with_({ GATEWAY: '192.168.123.1' })).GATEWAY!, /outside 192\.168\.122\.0\/24/);
    assert.match(validateNetwork(with_({ GATEWAY: '192.168.122.255' })).GATEWAY!, /not a host/);
  });

  it('broadcast mismatch and host bits in NETWORK name the right value', () => {
    assert.match(validateNetwork(with_({ BROADCAST: '192.168.122.254' })).BROADCAST!, /should be 192\.168\.122\.255/);
    assert.match(validateNetwork(with_({ NETWORK: '192.168.122.7' })).NETWORK!, /network address is 192\.168\.122\.0/);
    const wider = with_({
      NETWORK: '10.0.0.0',
      NETMASK: '255.255.0.0',
      GATEWAY: '10.0.200.1',
      BROADCAST: '10.0.255.255',
    });
    assert.deepEqual(validateNetwork(wider), {});
  });

  it('name servers (one or more), domain and search list', () => {
    assert.deepEqual(
      validateNetwork(
        with_({ NAMESERVER: '192.168.122.1, 9.9.9.9', DOMAIN: 'lab.example', SEARCH: 'a.example b.example' }),
      ),
      {},
    );
    assert.match(validateNetwork(with_({ NAMESERVER: '' })).NAMESERVER!, /At least one/);
    assert.match(validateNetwork(with_({ NAMESERVER: '1.1.1.1 dns.example' })).NAMESERVER!, /dns\.example/);
    assert.match(validateNetwork(with_({ DOMAIN: 'bad_domain!' })).DOMAIN!, /not a valid domain/);
    assert.match(validateNetwork(with_({ SEARCH: 'ok.example "quoted"' })).SEARCH!, /"quoted"/);
  });

  it('leaves out the keys a common/network does not set, and checks an empty one', () => {
    assert.deepEqual(validateNetwork({ NETWORK: '10.0.0.0', NETMASK: '255.255.255.0' }), {});
    assert.match(
      validateNetwork({ NETWORK: '10.0.0.0', NETMASK: '255.255.255.0', GATEWAY: '10.0.1.1' }).GATEWAY!,
      /outside 10\.0\.0\.0\/24/,
    );
    assert.match(validateNetwork({ NAMESERVER: '' }).NAMESERVER!, /At least one/);
    assert.match(validateNetwork({ GATEWAY: '' }).GATEWAY!, /not a valid IPv4/);
  });

  it('the network file round-trips as KEY="VALUE" lines', () => {
    const values = with_({ SEARCH: 'a.example b.example', DOMAIN: 'lab.example' });
    const text = formatNetworkFile(values);
    assert.ok(!text.includes('\r'));
    assert.match(text, /^NETMASK="255\.255\.255\.0"$/m);
    assert.deepEqual(networkValuesFromFile(text), { ...values });
    assert.deepEqual(networkValuesFromFile("GATEWAY=10.0.0.1\nNETMASK='255.0.0.0'\n# NETWORK=1.2.3.4\nOTHER=x\n"), {
      GATEWAY: '10.0.0.1',
      NETMASK: '255.0.0.0',
    });
    assert.deepEqual(
      networkValuesFromFile('GATEWAY=10.0.0.1\r\n  DOMAIN="lab.example"  \r\nGATEWAY=10.0.0.254\n'),
      { GATEWAY: '10.0.0.254', DOMAIN: 'lab.example' },
      'CRLF, indentation, the last assignment wins',
    );
  });
});
