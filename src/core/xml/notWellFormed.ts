/** Thrown inside the parser only, where a document stops being well-formed; parseXml turns it into a result. */
export class NotWellFormed extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}
