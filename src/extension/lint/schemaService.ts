import * as vscode from 'vscode';
import { LazySchema } from '../../core/schema/loadSchema.js';
import {
  chooseSchemaDirectory,
  describeSchemaDirectory,
  type SchemaDirectory,
} from '../../core/schema/schemaDirectory.js';
import type { SchemaValidator } from '../../core/schema/schemaValidator.js';
import type { Snooze } from '../snooze.js';

/**
 * libvirt's schema for the `schema` rule, loaded lazily: nothing at activation; when the first template has
 * been linted, the validator chunk (dist/schema.mjs) is imported and domain.rng compiled in the background,
 * then every template is linted again. Until then the rule reports nothing, so typing never waits for it.
 * A change of snooze.schemaDirectory loads the new folder the same way.
 */
export class SchemaService implements vscode.Disposable {
  private choice: SchemaDirectory;
  private schema: LazySchema;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly snooze: Snooze) {
    this.choice = chooseSchemaDirectory(snooze.settings.schemaDirectory());
    this.schema = new LazySchema(this.choice.directory);
  }

  /** Called once the template diagnostics exist: their first publication starts the load. */
  start(): void {
    this.subscriptions.push(
      this.snooze.templates.onDidChange(() => {
        if (this.snooze.templates.templateCount > 0) this.load();
      }),
      this.snooze.settings.onDidChange(() => {
        const choice = chooseSchemaDirectory(this.snooze.settings.schemaDirectory());
        if (choice.directory === this.choice.directory) return;
        this.choice = choice;
        this.schema = new LazySchema(choice.directory);
        this.loading = false;
        if (this.snooze.templates.templateCount > 0) this.load();
      }),
    );
  }

  /** The compiled schema, or undefined while it loads (the linter's `schema` option). */
  get ready(): SchemaValidator | undefined {
    return this.schema.ready;
  }

  private loading = false;

  private load(): void {
    if (this.loading) return;
    this.loading = true;
    const schema = this.schema;
    const started = performance.now();
    void this.snooze.activity.track(async () => {
      try {
        await schema.ensure();
      } catch (error) {
        this.snooze.log.error(
          `schema: ${error instanceof Error ? error.message : String(error)}; the schema rule is skipped`,
        );
        return;
      }
      if (schema !== this.schema) return; // the setting changed meanwhile
      this.snooze.log.info(
        `schema: validating against ${describeSchemaDirectory(this.choice)}, compiled in ${(performance.now() - started).toFixed(0)} ms`,
      );
      this.snooze.templates.relintAll();
    });
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}
