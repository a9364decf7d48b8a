import { childrenNamed, type XmlElement } from '../xml/xmlTree.js';

/** Every device of a domain: the children of its `<devices>`, in document order. */
export function deviceElements(root: XmlElement): XmlElement[] {
  return childrenNamed(root, 'devices').flatMap((devices) => devices.children);
}
