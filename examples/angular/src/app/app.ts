import { Component, inject, signal } from '@angular/core';
import type { Entry } from 'davkit';
import { DavService, lockHolder } from './dav.service';

/** A file browser on davkit: every value it shows is a signal the service sets from davkit's results. */
@Component({
  selector: 'app-root',
  template: `
    <main>
      <h1>davkit · Angular</h1>
      <p class="server">
        WebDAV server: <code>{{ dav.baseUrl }}</code> · folder <code>{{ dav.cwd() }}</code>
      </p>
      <form class="toolbar" (submit)="$event.preventDefault(); upload(file.files?.[0], folder.value)">
        <input #file type="file" aria-label="File to upload" />
        <input #folder placeholder="into a new folder (optional)" aria-label="New folder" />
        <button type="submit" [disabled]="dav.busy()">Upload</button>
      </form>
      @if (dav.problem(); as problem) {
        <section aria-label="Problem" class="problem" [class]="problem.state" [attr.data-state]="problem.state">
          <header>
            <strong>{{ problem.state === 'fixed' ? problem.action + ': fixed and retried' : problem.action + ' failed' }}</strong>
            <button type="button" (click)="dav.problem.set(undefined)">Dismiss</button>
          </header>
          @if (problem.state !== 'fixed') {
            <p>{{ problem.message }}</p>
          }
          <h3>{{ problem.state === 'fixed' ? 'Root causes (fixed)' : 'Root causes' }}</h3>
          <pre>{{ problem.explanation }}</pre>
          @if (problem.state !== 'fixed' && problem.retryAfterFix) {
            <p>
              @if (problem.fixable) {
                <button type="button" [disabled]="problem.state === 'retrying'" (click)="dav.retryAfterFix()">
                  {{ problem.state === 'retrying' ? 'Fixing and retrying…' : 'Retry after fix' }}
                </button>
              } @else {
                <span>davkit cannot fix this on its own. </span>
              }
              @if (problem.customFix; as custom) {
                <button type="button" [disabled]="problem.state === 'retrying'" (click)="dav.retryAfterFix(custom.fix)">
                  {{ custom.label }}
                </button>
              }
            </p>
          }
        </section>
      }
      @if (dav.listing.isLoading()) {
        <p>Loading…</p>
      }
      @if (dav.listing.error(); as error) {
        <p role="alert">Listing failed: {{ error.message }}</p>
      }
      <table>
        <tbody>
          @if (dav.cwd() !== '/') {
            <tr>
              <td colspan="3"><button type="button" (click)="up()">..</button></td>
            </tr>
          }
          @for (entry of dav.entries(); track entry.path) {
            <tr [attr.aria-label]="entry.name">
              <td>
                @if (editing() === entry.path) {
                  <form (submit)="$event.preventDefault(); rename(entry, name.value)">
                    <input #name [value]="entry.name" [attr.aria-label]="'New name for ' + entry.name" />
                    <button type="submit">Save</button>
                  </form>
                } @else if (entry.type === 'directory') {
                  <button type="button" class="link" (click)="dav.cwd.set(entry.path)">{{ entry.name }}/</button>
                } @else {
                  {{ entry.name }}
                }
                @if (lockHolder(entry); as holder) {
                  <span class="lock" [title]="'Locked by ' + holder"> 🔒 locked</span>
                }
              </td>
              <td>{{ entry.type === 'directory' ? '' : (entry.size ?? '?') + ' B' }}</td>
              <td>
                <button type="button" (click)="editing.set(entry.path)" [attr.aria-label]="'Rename ' + entry.name">Rename</button>
                <button type="button" (click)="dav.remove(entry)" [attr.aria-label]="'Delete ' + entry.name">Delete</button>
              </td>
            </tr>
          }
        </tbody>
      </table>
    </main>
  `,
})
export class App {
  protected readonly dav = inject(DavService);
  protected readonly editing = signal<string | undefined>(undefined);
  protected readonly lockHolder = lockHolder;

  protected upload(file: File | undefined, folder: string): void {
    if (file !== undefined) {
      void this.dav.upload(file, folder.replace(/^\/+|\/+$/g, ''));
    }
  }

  protected rename(entry: Entry, name: string): void {
    this.editing.set(undefined);
    void this.dav.rename(entry, name);
  }

  protected up(): void {
    this.dav.cwd.update((cwd) => cwd.replace(/[^/]+\/$/, ''));
  }
}
