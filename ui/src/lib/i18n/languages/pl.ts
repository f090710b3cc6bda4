// The Polish strings, loaded only when the UI speaks Polish (see ../index.svelte.ts).
import { tree } from '../tree';

export default tree(import.meta.glob('../../../locales/pl/*.json', { eager: true, import: 'default' }));
