// The ids of the extension's commands, for the code that names one (a code action, a notification's button)
// without importing its handler. The table of handlers is commandTable.ts.
export const COMMANDS = {
  lintWorkspace: 'snooze.lintWorkspace',
  newTemplate: 'snooze.newTemplate',
  newContextFolder: 'snooze.newContextFolder',
  buildIso: 'snooze.buildIso',
  createDisk: 'snooze.createDisk',
  prepareBaseImage: 'snooze.prepareBaseImage',
  refreshVms: 'snooze.refreshVms',
  openTemplate: 'snooze.openTemplate',
  revealInExplorer: 'snooze.revealInExplorer',
  disableRule: 'snooze.disableRule',
  convertToLf: 'snooze.convertToLf',
  mapLcFolder: 'snooze.mapLcFolder',
  checkLocalControllers: 'snooze.checkLocalControllers',
  testBootTemplate: 'snooze.testBootTemplate',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];
