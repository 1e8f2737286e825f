// The package's ESM build, imported by name and bundled by Vite like any app dependency would be.
import * as davkit from 'davkit';

(window as unknown as { davkit: typeof davkit }).davkit = davkit;
document.title = 'ready';
