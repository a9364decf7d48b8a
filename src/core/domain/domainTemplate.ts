import type { Span } from '../text/lineMap.js';
import { child, childrenNamed, type XmlAttribute, type XmlElement } from '../xml/xmlTree.js';

/** A value as written in the template, and the exact span of its text (inside quotes for an attribute). */
export interface Located {
  readonly value: string;
  readonly span: Span;
}

export interface DiskDefinition {
  readonly element: XmlElement;
  /** `type` attribute of `<disk>`: file, block, network, volume… */
  readonly type?: Located;
  /** `device` attribute: disk (libvirt's default), cdrom, floppy, lun. */
  readonly device?: Located;
  readonly driver?: XmlElement;
  readonly driverType?: Located;
  /** `<source file=…>` (the only source the file probes follow), or dev/name/volume for other disk types. */
  readonly source?: Located;
  readonly sourceIsFile: boolean;
  readonly target?: Located;
  readonly targetBus?: Located;
  readonly targetElement?: XmlElement;
  readonly readonly: boolean;
  readonly shareable: boolean;
}

export interface InterfaceDefinition {
  readonly element: XmlElement;
  readonly type?: Located;
  readonly mac?: Located;
  readonly source?: XmlElement;
  readonly sourceBridge?: Located;
}

/** The facts of one `<domain>` the rules look at; every value keeps its source span for diagnostics and fixes. */
export interface DomainTemplate {
  readonly root: XmlElement;
  readonly name?: Located;
  readonly nameElement?: XmlElement;
  readonly uuid?: Located;
  readonly emulator?: Located;
  readonly clock?: XmlElement;
  /** Every device: the children of `<devices>`, in document order (several rules walk them). */
  readonly devices: readonly XmlElement[];
  readonly disks: readonly DiskDefinition[];
  readonly interfaces: readonly InterfaceDefinition[];
}

export function fromAttribute(attribute: XmlAttribute | undefined): Located | undefined {
  return attribute && { value: attribute.value, span: attribute.valueSpan };
}

function attr(element: XmlElement | undefined, name: string): Located | undefined {
  return element && fromAttribute(element.attributes.get(name));
}

function textOf(element: XmlElement | undefined): Located | undefined {
  return element?.text && { value: element.text.value, span: element.text.span };
}

/** Reads the template facts from a parsed `<domain>` root. */
export function readDomain(root: XmlElement): DomainTemplate {
  const devices = childrenNamed(root, 'devices');
  const deviceChildren = devices.flatMap((d) => d.children);
  const nameElement = child(root, 'name');
  return {
    root,
    name: textOf(nameElement),
    nameElement,
    uuid: textOf(child(root, 'uuid')),
    emulator: textOf(deviceChildren.find((c) => c.name === 'emulator')),
    clock: child(root, 'clock'),
    devices: deviceChildren,
    disks: readEach(deviceChildren, 'disk', readDisk),
    interfaces: readEach(deviceChildren, 'interface', readInterface),
  };
}

/**
 * `read` of each element named `name`, in a list built by push. Not filter().map(): optimised code makes map()'s
 * list holey and the interpreter makes it packed, so every rule optimised on one kind of list was thrown away
 * (deoptimised, and compiled again) on meeting the other: half the 29 deoptimisations of a 10,000-template run.
 */
function readEach<T>(elements: readonly XmlElement[], name: string, read: (element: XmlElement) => T): T[] {
  const found: T[] = [];
  for (const element of elements) if (element.name === name) found.push(read(element));
  return found;
}

function readDisk(element: XmlElement): DiskDefinition {
  const driver = child(element, 'driver');
  const sourceElement = child(element, 'source');
  const fileSource = attr(sourceElement, 'file');
  const targetElement = child(element, 'target');
  return {
    element,
    type: attr(element, 'type'),
    device: attr(element, 'device'),
    driver,
    driverType: attr(driver, 'type'),
    source: fileSource ?? attr(sourceElement, 'dev') ?? attr(sourceElement, 'name') ?? attr(sourceElement, 'volume'),
    sourceIsFile: fileSource !== undefined,
    target: attr(targetElement, 'dev'),
    targetBus: attr(targetElement, 'bus'),
    targetElement,
    readonly: child(element, 'readonly') !== undefined,
    shareable: child(element, 'shareable') !== undefined,
  };
}

function readInterface(element: XmlElement): InterfaceDefinition {
  const source = child(element, 'source');
  return {
    element,
    type: attr(element, 'type'),
    mac: attr(child(element, 'mac'), 'address'),
    source,
    sourceBridge: attr(source, 'bridge'),
  };
}

/** A disk the VM writes to: two VMs writing one such image corrupt it. */
export function isWritableDisk(disk: DiskDefinition): boolean {
  return disk.sourceIsFile && !disk.readonly && !disk.shareable && deviceOf(disk) === 'disk';
}

export function deviceOf(disk: DiskDefinition): string {
  return disk.device?.value ?? 'disk';
}

/** A CD for the VM: a cdrom device, or a read-only disk whose file is an ISO (how some templates attach context). */
export function isIsoDisk(disk: DiskDefinition): boolean {
  if (!disk.sourceIsFile || !disk.source) return false;
  return deviceOf(disk) === 'cdrom' || (disk.readonly && /\.iso$/i.test(disk.source.value));
}
