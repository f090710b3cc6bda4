// The German strings, loaded only when the UI speaks German (see ../index.svelte.ts).
import { tree } from '../tree';

export default tree(import.meta.glob('../../../locales/de/*.json', { eager: true, import: 'default' }));
