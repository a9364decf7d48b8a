import assert from 'node:assert/strict';
import { isMulticastMac, normalizeMac, normalizeUuid } from '../../src/core/domain/identifiers.js';
import { isContiguousNetmask, parseIPv4, ipFromMac, macForIp } from '../../src/core/net/ipv4.js';
import { mapLcPath } from '../../src/core/settings/settings.js';
import { byCloseness } from '../../src/core/text/closest.js';

describe('identifiers', () => {
  it('normalises MACs as libvirt reads them', () => {
    assert.equal(normalizeMac('54:56:c0:a8:7a:5'), normalizeMac('54:56:C0:A8:7A:05'));
    assert.equal(normalizeMac('54:56:c0:a8:7a'), undefined);
    assert.equal(normalizeMac('54:56:c0:a8:7a:5g'), undefined);
    assert.ok(isMulticastMac(normalizeMac('01:00:5e:00:00:01')!));
    assert.ok(!isMulticastMac(normalizeMac('52:54:00:00:00:01')!));
  });

  it('normalises UUIDs ignoring case, dashes and spaces', () => {
    assert.equal(normalizeUuid('0F476E56-67EA-11E1-858E-00216A972A36'), '0f476e5667ea11e1858e00216a972a36');
    assert.equal(normalizeUuid('0f476e56 67ea 11e1 858e 00216a972a36'), '0f476e5667ea11e1858e00216a972a36');
    assert.equal(normalizeUuid('0f476e56-67ea-11e1-858e-00216a972a3'), undefined);
  });

  it('checks IPv4 values and netmasks', () => {
    assert.equal(parseIPv4('192.168.122.1'), 0xc0a87a01);
    assert.equal(parseIPv4('192.168.122.256'), undefined);
    assert.equal(parseIPv4('192.168.122.01'), undefined);
    assert.ok(isContiguousNetmask(parseIPv4('255.255.255.0')!));
    assert.ok(!isContiguousNetmask(parseIPv4('255.0.255.0')!));
    assert.equal(ipFromMac('52:54:c0:a8:7a:05'), '192.168.122.5');
    assert.equal(ipFromMac('52:54:00:12:34:01'), undefined, "QEMU's usual MACs do not follow the convention");
    assert.equal(ipFromMac('52:54:e0:00:00:01'), undefined, 'multicast');
    assert.equal(ipFromMac('52:54:7f:00:00:01'), undefined, 'loopback');
    assert.equal(macForIp(parseIPv4('192.168.122.5')!), '52:54:c0:a8:7a:05');
  });

  it('maps LC paths by the longest whole-segment prefix', () => {
    const mappings = [
      { from: '/opt/cloud', to: '/home/me/cloud' },
      { from: '/opt/cloud/iso', to: '/srv/iso' },
    ];
    assert.equal(mapLcPath('/opt/cloud/a.qcow2', mappings), '/home/me/cloud/a.qcow2');
    assert.equal(mapLcPath('/opt/cloud/iso/c.iso', mappings), '/srv/iso/c.iso');
    assert.equal(mapLcPath('/opt/cloudy/a.qcow2', mappings), '/opt/cloudy/a.qcow2');
  });

  it('orders bridge suggestions closest first', () => {
    assert.deepEqual(byCloseness('virbr1', ['br0', 'virbr0', 'virbr10']), ['virbr0', 'virbr10', 'br0']);
  });
});
